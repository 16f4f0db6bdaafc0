// One schedule as a Gantt chart in SVG: a row per machine, a bar per operation coloured by job with its label,
// machine downtime hatched, a time axis; live progress while the solve runs (polled every half second), a
// cancel button, and a reschedule form that opens the new solve.
import { api } from './api.js';

const panel = document.getElementById('schedule');
const id = panel.dataset.id;
const path = `/api/v1/schedules/${id}`;
const $ = (name) => document.getElementById(name);
const svgNS = 'http://www.w3.org/2000/svg';
const layout = { left: 170, right: 20, top: 10, row: 34, bar: 24, axis: 34 };

function element(name, attributes, text) {
  const node = document.createElementNS(svgNS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function jobColour(job) {
  return `hsl(${(job * 137.508) % 360}, 62%, 58%)`;
}

function machineName(view, machine) {
  return view.machineNames?.[machine] ?? `machine ${machine}`;
}

// A step of 1, 2 or 5 × 10^k giving about eight ticks over `span`.
function tickStep(span) {
  const rough = Math.max(1, span / 8);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough);
}

function draw(view) {
  const svg = $('gantt');
  const result = view.result;
  svg.replaceChildren();
  if (!result) {
    svg.setAttribute('height', '40');
    svg.append(element('text', { x: 10, y: 24, class: 'gantt-note' }, view.state === 'failed' ? 'No schedule.' : 'Solving…'));
    return;
  }
  const width = Math.max(600, panel.clientWidth || 1000);
  const machines = view.machines;
  const horizon = Math.max(1, result.makespan, ...result.windows.map((window) => window.end));
  const scale = (width - layout.left - layout.right) / horizon;
  const x = (time) => layout.left + time * scale;
  const height = layout.top + machines * layout.row + layout.axis;
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);

  const defs = element('defs', {});
  const pattern = element('pattern', { id: 'downtime', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(element('rect', { width: 8, height: 8, fill: '#d9dce1' }));
  pattern.append(element('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#7a7f87', 'stroke-width': 3 }));
  defs.append(pattern);
  svg.append(defs);

  for (let machine = 0; machine < machines; machine += 1) {
    const y = layout.top + machine * layout.row;
    svg.append(element('rect', { x: layout.left, y, width: width - layout.left - layout.right, height: layout.row, class: 'gantt-row', fill: machine % 2 ? '#f5f7fa' : '#fff' }));
    const label = element('text', { x: 4, y: y + layout.row / 2 + 5, class: 'gantt-machine' }, machineName(view, machine));
    svg.append(label);
  }
  for (const window of result.windows) {
    const y = layout.top + window.machine * layout.row + (layout.row - layout.bar) / 2;
    const rect = element('rect', { x: x(window.start), y, width: Math.max(1, (window.end - window.start) * scale), height: layout.bar, fill: 'url(#downtime)', class: 'gantt-downtime' });
    rect.append(element('title', {}, `${machineName(view, window.machine)} down ${window.start}–${window.end}`));
    svg.append(rect);
  }
  for (const operation of result.operations) {
    const y = layout.top + operation.machine * layout.row + (layout.row - layout.bar) / 2;
    const barWidth = Math.max(1, (operation.end - operation.start) * scale);
    const group = element('g', { class: `gantt-bar${operation.moved ? ' moved' : ''}${operation.frozen ? ' frozen' : ''}`, 'data-job': operation.job, 'data-operation': operation.operation });
    const rect = element('rect', { x: x(operation.start), y, width: barWidth, height: layout.bar, rx: 3, fill: jobColour(operation.job), stroke: operation.moved ? '#14213d' : 'none', 'stroke-width': operation.moved ? 2.5 : 0, opacity: operation.frozen ? 0.6 : 1 });
    const name = operation.jobName ?? `J${operation.job}`;
    group.append(rect);
    group.append(element('title', {}, `${name}, operation ${operation.operation}: ${operation.start}–${operation.end} on ${machineName(view, operation.machine)}${operation.moved ? ' (moved)' : ''}${operation.frozen ? ' (started, kept)' : ''}`));
    const label = `${name}.${operation.operation}`;
    if (barWidth > label.length * 6.5) {
      group.append(element('text', { x: x(operation.start) + 3, y: y + layout.bar / 2 + 4, class: 'gantt-label' }, label));
    }
    svg.append(group);
  }
  if (result.rescheduledAt !== undefined && result.rescheduledAt !== null) {
    svg.append(element('line', { x1: x(result.rescheduledAt), x2: x(result.rescheduledAt), y1: layout.top, y2: layout.top + machines * layout.row, stroke: '#c62828', 'stroke-width': 2, 'stroke-dasharray': '4 3', class: 'gantt-now' }));
  }
  const axisY = layout.top + machines * layout.row;
  svg.append(element('line', { x1: layout.left, x2: width - layout.right, y1: axisY, y2: axisY, stroke: '#1b2430' }));
  const step = tickStep(horizon);
  for (let time = 0; time <= horizon; time += step) {
    svg.append(element('line', { x1: x(time), x2: x(time), y1: axisY, y2: axisY + 5, stroke: '#1b2430' }));
    svg.append(element('text', { x: x(time), y: axisY + 20, 'text-anchor': 'middle', class: 'gantt-tick' }, String(time)));
  }
}

function show(view) {
  $('schedule-state').textContent = view.state;
  const best = view.best;
  const result = view.result;
  $('schedule-makespan').textContent = result?.makespan ?? best?.makespan ?? '–';
  $('schedule-bound').textContent = result?.lowerBound ?? '–';
  $('schedule-objective').textContent = result?.objectiveValue ?? best?.objective ?? '–';
  $('schedule-elapsed').textContent = best ? `${(best.elapsedMs / 1000).toFixed(1)} s to the best so far` : '–';
  $('schedule-stop').textContent = result?.stopReason ?? '–';
  $('schedule-moved').textContent = result?.movedOperations ?? '–';
  const source = $('schedule-source');
  source.replaceChildren();
  if (view.rescheduledFrom) {
    const link = document.createElement('a');
    link.href = `/console/schedule?id=${view.rescheduledFrom}`;
    link.textContent = `rescheduled from ${view.rescheduledFrom.slice(0, 8)}`;
    source.append(link);
  }
  $('schedule-cancel').disabled = !['queued', 'running'].includes(view.state);
  $('schedule-error').textContent = view.error ? `${view.error.code}: ${view.error.message}` : '';
  draw(view);
}

async function refresh() {
  try {
    const view = await api('GET', path);
    show(view);
    if (['queued', 'running'].includes(view.state) || (view.state === 'cancelled' && !view.result)) {
      setTimeout(refresh, 500);
    }
  } catch (error) {
    $('schedule-error').textContent = error.message;
  }
}

$('schedule-cancel').addEventListener('click', async () => {
  try {
    show(await api('DELETE', path));
    setTimeout(refresh, 300);
  } catch (error) {
    $('schedule-error').textContent = error.message;
  }
});

$('reschedule-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('reschedule-error').textContent = '';
  const form = new FormData(event.target);
  const number = (name) => Number(form.get(name));
  try {
    const accepted = await api('POST', `${path}/reschedule`, {
      at: number('at'),
      event: { machineDown: { machine: number('machine'), from: number('from'), to: number('to') } },
      timeLimitSeconds: number('timeLimitSeconds') || 10,
    });
    window.location.href = `/console/schedule?id=${accepted.id}`;
  } catch (error) {
    $('reschedule-error').textContent = error.message;
  }
});

refresh();
