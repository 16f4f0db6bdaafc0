// One schedule as a Gantt chart drawn by Chart.js with floating horizontal bars: a row per machine, a bar per
// operation coloured by job (outlined when the reschedule moved it, faded when it had started and was kept),
// machine downtime hatched, the reschedule time as a dashed line; live progress while the solve runs (polled
// every half second), a cancel button, and a reschedule form that opens the new solve. Without Chart.js the
// page says what to install and everything but the chart works.
import { api } from './api.js';

const panel = document.getElementById('schedule');
const id = panel.dataset.id;
const path = `/api/v1/schedules/${id}`;
const $ = (name) => document.getElementById(name);
let chart = null;
// What the chart shows: 'result', or the makespan of the preview drawn while the solve runs.
let drawn = null;

function jobColour(job, alpha) {
  return `hsla(${(job * 137.508) % 360}, 62%, 58%, ${alpha})`;
}

function machineName(view, machine) {
  return view.machineNames?.[machine] ?? `machine ${machine}`;
}

// Downtime's fill: light grey with dark diagonal stripes, as a repeating canvas pattern.
function hatching() {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const context = tile.getContext('2d');
  context.fillStyle = '#d9dce1';
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = '#7a7f87';
  context.lineWidth = 2;
  context.beginPath();
  for (const offset of [-8, 0, 8]) {
    context.moveTo(offset, 8);
    context.lineTo(offset + 8, 0);
  }
  context.stroke();
  return context.createPattern(tile, 'repeat');
}

// Chart.js has no vertical marker of its own; this plugin strokes the reschedule time across the plot area
// at the time axis' pixel for it.
const rescheduleLine = {
  id: 'rescheduleLine',
  afterDatasetsDraw(drawing, _arguments, options) {
    if (options.at === undefined || options.at === null) return;
    const x = drawing.scales.x.getPixelForValue(options.at);
    const { top, bottom } = drawing.chartArea;
    const context = drawing.ctx;
    context.save();
    context.strokeStyle = '#c62828';
    context.lineWidth = 2;
    context.setLineDash([4, 3]);
    context.beginPath();
    context.moveTo(x, top);
    context.lineTo(x, bottom);
    context.stroke();
    context.restore();
  },
};

// The chart of `result`: the solve's result, or the best schedule so far of a running solve (same fields).
function configuration(view, result) {
  const names = Array.from({ length: view.machines }, (_, machine) => machineName(view, machine));
  const operations = result.operations;
  const horizon = Math.max(1, result.makespan, ...result.windows.map((window) => window.end));
  return {
    type: 'bar',
    data: {
      labels: names,
      datasets: [
        {
          label: 'machine down',
          data: result.windows.map((window) => ({ x: [window.start, window.end], y: names[window.machine], window })),
          backgroundColor: hatching(),
          borderWidth: 0,
        },
        {
          label: 'operations',
          data: operations.map((operation) => ({ x: [operation.start, operation.end], y: names[operation.machine], operation })),
          backgroundColor: operations.map((operation) => jobColour(operation.job, operation.frozen ? 0.55 : 1)),
          borderColor: operations.map((operation) => (operation.moved ? '#14213d' : 'rgba(0, 0, 0, 0)')),
          borderWidth: operations.map((operation) => (operation.moved ? 2.5 : 0)),
          borderSkipped: false,
          borderRadius: 3,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      datasets: { bar: { grouped: false, categoryPercentage: 1, barPercentage: 0.75 } },
      scales: {
        x: { type: 'linear', min: 0, max: horizon, title: { display: true, text: 'time' } },
        y: { type: 'category' },
      },
      plugins: {
        legend: { display: false },
        rescheduleLine: { at: result.rescheduledAt },
        tooltip: {
          callbacks: {
            label(item) {
              const { operation, window } = item.raw;
              if (window) return `down ${window.start}–${window.end}`;
              const name = operation.jobName ?? `J${operation.job}`;
              const notes = `${operation.moved ? ' (moved)' : ''}${operation.frozen ? ' (started, kept)' : ''}`;
              return `${name}, operation ${operation.operation}: ${operation.start}–${operation.end}${notes}`;
            },
          },
        },
      },
    },
    plugins: [rescheduleLine],
  };
}

// Draws the best schedule so far while the solve runs, redrawn when a better one arrives, then the result.
function draw(view) {
  const canvas = $('gantt');
  const note = $('gantt-note');
  if (!canvas) return;
  const shown = view.result ?? view.preview;
  if (!shown) {
    note.textContent = view.state === 'failed' ? 'No schedule.' : 'Solving…';
    return;
  }
  const key = view.result ? 'result' : shown.makespan;
  if (key === drawn) return;
  note.textContent = view.result
    ? ''
    : `Solving… this is the best schedule so far (makespan ${shown.makespan}); better ones replace it as they are found.`;
  chart?.destroy();
  chart = new window.Chart(canvas, configuration(view, shown));
  drawn = key;
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

// Shows the fields of the chosen event only.
function showEventFields() {
  const chosen = $('reschedule-event').value;
  for (const fieldset of document.querySelectorAll('#reschedule-form fieldset[data-event]')) {
    fieldset.hidden = fieldset.dataset.event !== chosen;
  }
}
$('reschedule-event').addEventListener('change', showEventFields);
showEventFields();

// "saw:3, lathe:5" as the API's operations; a machine is a name or an index. Throws a sentence on bad input.
function route(text) {
  const steps = text.split(',').map((step) => step.trim()).filter((step) => step !== '');
  if (steps.length === 0) throw new Error('the rush job needs a route: machine:duration, separated by commas');
  return steps.map((step) => {
    const colon = step.lastIndexOf(':');
    const machine = step.slice(0, colon).trim();
    const duration = Number(step.slice(colon + 1));
    if (colon < 1 || !Number.isInteger(duration) || step.slice(colon + 1).trim() === '') {
      throw new Error(`route step "${step}": write machine:duration, e.g. ${$('reschedule-form').elements.route.placeholder}`);
    }
    return { machine: /^\d+$/.test(machine) ? Number(machine) : machine, duration };
  });
}

function eventBody(form) {
  const number = (name) => Number(form.get(name));
  switch (form.get('event')) {
    case 'rushJob': {
      const job = { name: form.get('name') || 'rush', operations: route(form.get('route')) };
      if (form.get('due') !== '') job.due = number('due');
      return { rushJob: job };
    }
    case 'operationLate':
      return { operationLate: { job: number('job'), operation: number('operation'), extraDuration: number('extraDuration') } };
    default:
      return { machineDown: { machine: number('machine'), from: number('from'), to: number('to') } };
  }
}

$('reschedule-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('reschedule-error').textContent = '';
  const form = new FormData(event.target);
  try {
    const accepted = await api('POST', `${path}/reschedule`, {
      at: Number(form.get('at')),
      event: eventBody(form),
      timeLimitSeconds: Number(form.get('timeLimitSeconds')) || 10,
    });
    window.location.href = `/console/schedule?id=${accepted.id}`;
  } catch (error) {
    $('reschedule-error').textContent = error.message;
  }
});

refresh();
