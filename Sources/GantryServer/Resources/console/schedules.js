// Production schedules: submits a problem (JSON, or a JSSP / Brandimarte text the server parses) through the
// API, opens its Gantt chart, and keeps the list of solves live every two seconds.
import { api } from './api.js';

const $ = (id) => document.getElementById(id);

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
  return td;
}

function showRows(items) {
  const body = $('schedule-rows');
  body.replaceChildren();
  if (items.length === 0) {
    const row = document.createElement('tr');
    cell(row, 'No schedules yet.').colSpan = 6;
    body.append(row);
    return;
  }
  for (const item of items) {
    const row = document.createElement('tr');
    row.className = `state-${item.state}`;
    const link = document.createElement('a');
    link.href = `/console/schedule?id=${item.id}`;
    link.textContent = item.id.slice(0, 8);
    cell(row, '').append(link);
    cell(row, item.state);
    cell(row, item.origin);
    cell(row, `${item.jobs} × ${item.machines}`);
    cell(row, item.best ? String(item.best.makespan) : '–');
    cell(row, item.createdAt);
    body.append(row);
  }
}

async function refresh() {
  try {
    showRows((await api('GET', '/api/v1/schedules')).items);
  } catch {
    // The next refresh tries again; the rows on screen stay as they were.
  }
}

// The request body for what was pasted: a JSON problem (or a whole request body), or a text to parse.
function requestBody() {
  const format = $('schedule-format').value;
  const text = $('schedule-text').value;
  const timeLimitSeconds = Number($('schedule-time').value || 10);
  if (format !== 'json') return { format, text, timeLimitSeconds };
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`the problem is not valid JSON: ${error.message}`);
  }
  if (parsed && (parsed.problem || parsed.plant || parsed.text)) {
    return { timeLimitSeconds, ...parsed };
  }
  return { problem: parsed, timeLimitSeconds };
}

$('schedule-format').addEventListener('change', () => {
  const text = $('schedule-text');
  if ($('schedule-format').value === 'json' && !text.value.trim()) text.value = text.dataset.template;
  else if ($('schedule-format').value !== 'json' && text.value === text.dataset.template) text.value = '';
});

$('schedule-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('schedule-error').textContent = '';
  try {
    const accepted = await api('POST', '/api/v1/schedules', requestBody());
    window.location.href = `/console/schedule?id=${accepted.id}`;
  } catch (error) {
    $('schedule-error').textContent = error.message;
  }
});

setInterval(refresh, 2000);
