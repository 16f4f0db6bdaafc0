// The alarm summary: refreshes the standing alarms, the KPI and the journal when alarms change, and
// carries out acknowledge, shelve and unshelve through the API, with a comment the journal keeps.
import { api, debounce, fragment } from './api.js';
import { listen } from './live.js';

const rows = document.getElementById('alarm-rows');
const journal = document.getElementById('journal-rows');
const dialog = document.getElementById('action-dialog');
const form = document.getElementById('action-form');
const title = document.getElementById('action-title');
const target = document.getElementById('action-alarm');
const duration = document.getElementById('duration-field');
const error = document.getElementById('action-error');
let pending = null;

const refresh = debounce(async () => {
  try {
    rows.innerHTML = await fragment('/console/alarms/rows');
    journal.innerHTML = await fragment('/console/alarms/journal-rows');
    const kpi = document.getElementById('kpi-table');
    if (kpi) kpi.outerHTML = await fragment('/console/alarms/kpi');
  } catch {
    // The next change or reconnect tries again.
  }
}, 300);

rows.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  pending = { action: button.dataset.action, alarm: button.dataset.alarm };
  const names = { ack: 'Acknowledge', shelve: 'Shelve', unshelve: 'Unshelve' };
  title.textContent = `${names[pending.action]} alarm`;
  target.textContent = button.closest('tr').querySelector('td:nth-child(4)').textContent;
  duration.hidden = pending.action !== 'shelve';
  form.elements.comment.required = pending.action === 'shelve';
  form.elements.comment.value = '';
  error.textContent = '';
  dialog.showModal();
});

form.addEventListener('submit', async (event) => {
  if (event.submitter?.value !== 'confirm' || !pending) return;
  event.preventDefault();
  const body = { comment: form.elements.comment.value };
  if (pending.action === 'shelve') body.durationMinutes = Number(form.elements.durationMinutes.value);
  try {
    await api('POST', `/api/v1/alarms/${encodeURIComponent(pending.alarm)}/${pending.action}`, body);
    dialog.close();
    pending = null;
    refresh();
  } catch (failure) {
    error.textContent = failure.message;
  }
});

listen({ alarms: true, onUpdate: (message) => message.alarms.length > 0 && refresh(), onOpen: refresh });
