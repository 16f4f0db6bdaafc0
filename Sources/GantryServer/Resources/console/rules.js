// The rule editor: pick a rule to edit its JSON, or start from the template; saving sends it to the API,
// which checks it fully and says exactly what is wrong.
import { api } from './api.js';

const text = document.getElementById('rule-json');
const editing = document.getElementById('rule-editing');
const result = document.getElementById('rule-result');
const remove = document.getElementById('rule-delete');

function edit(id, json) {
  editing.value = id;
  text.value = json;
  remove.disabled = id === '';
  result.textContent = id ? `Editing ${id}.` : 'New rule.';
  text.focus();
}

document.querySelector('table.rules')?.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-edit]');
  if (button) edit(button.dataset.edit, button.dataset.json);
});

document.getElementById('rule-new').addEventListener('click', () => edit('', text.dataset.template));

document.getElementById('rule-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let rule;
  try {
    rule = JSON.parse(text.value);
  } catch (failure) {
    result.textContent = `Not valid JSON: ${failure.message}`;
    return;
  }
  try {
    if (editing.value) {
      await api('PUT', `/api/v1/alarm-rules/${encodeURIComponent(editing.value)}`, rule);
    } else {
      await api('POST', '/api/v1/alarm-rules', rule);
    }
    result.textContent = `Saved ${rule.id}.`;
    setTimeout(() => location.reload(), 600);
  } catch (failure) {
    result.textContent = `Not saved: ${failure.message}`;
  }
});

remove.addEventListener('click', async () => {
  if (!editing.value || !confirm(`Delete rule ${editing.value} and its alarms?`)) return;
  try {
    await api('DELETE', `/api/v1/alarm-rules/${encodeURIComponent(editing.value)}`);
    location.reload();
  } catch (failure) {
    result.textContent = `Not deleted: ${failure.message}`;
  }
});
