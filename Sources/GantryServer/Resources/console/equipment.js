// The equipment page: live values in the table, and a dygraphs trend per numeric tag. A trend follows
// the live stream over the chosen range; drag to zoom (shift-drag to pan) and it reads that window back
// from the store, thinned on the server to about two points per pixel that keep every peak.
import { api } from './api.js';
import { listen } from './live.js';

const valueCells = new Map();
for (const output of document.querySelectorAll('output.value[data-tag]')) {
  valueCells.set(output.dataset.tag, output);
}
const charts = new Map();
let range = 600000;
let following = true;

function format(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  return value === null ? '–' : String(value);
}

function showValue(sample) {
  const output = valueCells.get(sample.tag);
  if (!output) return;
  output.textContent = format(sample.value);
  output.classList.toggle('bad-quality', sample.quality !== 'good');
  const time = output.closest('tr')?.querySelector('time.at');
  if (time) {
    const at = new Date(sample.ts).toISOString();
    time.dateTime = at;
    time.textContent = at;
  }
}

async function load(chart, from, to) {
  chart.loading = { from, to };
  const width = chart.element.clientWidth || 600;
  const maxPoints = Math.max(4, Math.min(20000, Math.round(width * 2)));
  const query = `tag=${encodeURIComponent(chart.tag)}&from=${Math.round(from)}&to=${Math.round(to)}&maxPoints=${maxPoints}`;
  try {
    const answer = await api('GET', `/api/v1/telemetry?${query}`);
    const points = answer.series[0]?.points ?? [];
    chart.data = points.map((point) => [new Date(point.ts), typeof point.value === 'number' ? point.value : null]);
    chart.fetched = { from, to };
    draw(chart, [from, to]);
  } catch (error) {
    chart.element.textContent = `Could not read the history: ${error.message}`;
  }
}

function draw(chart, window) {
  const file = chart.data.length > 0 ? chart.data : [[new Date(window[0]), null], [new Date(window[1]), null]];
  if (!chart.graph) {
    chart.graph = new Dygraph(chart.element, file, {
      labels: ['Time', chart.name],
      dateWindow: window,
      height: 220,
      connectSeparatedPoints: false,
      drawPoints: false,
      strokeWidth: 1.5,
      animatedZooms: false,
      zoomCallback: (minX, maxX) => zoomed(chart, minX, maxX),
      drawCallback: (graph, initial) => {
        if (!initial) panned(chart, graph.xAxisRange());
      },
    });
  } else {
    chart.graph.updateOptions({ file, dateWindow: window });
  }
}

function zoomed(chart, minX, maxX) {
  const span = maxX - minX;
  const now = Date.now();
  // A double-click returns to the chosen range: follow the live values again.
  if (Math.abs(span - range) < 1000 && Math.abs(maxX - now) < 5000) {
    following = true;
    return;
  }
  following = false;
  load(chart, minX, maxX);
}

function panned(chart, [minX, maxX]) {
  if (following || !chart.fetched) return;
  const outside = minX < chart.fetched.from - 1 || maxX > chart.fetched.to + 1;
  if (!outside) return;
  clearTimeout(chart.panTimer);
  chart.panTimer = setTimeout(() => load(chart, minX, maxX), 300);
}

function showRange() {
  const now = Date.now();
  following = true;
  for (const chart of charts.values()) load(chart, now - range, now);
}

let redraw = null;
function follow(sample) {
  const chart = charts.get(sample.tag);
  if (!chart || !following || typeof sample.value !== 'number' || !chart.graph) return;
  chart.data.push([new Date(sample.ts), sample.value]);
  const from = Date.now() - range;
  while (chart.data.length > 0 && chart.data[0][0].getTime() < from) chart.data.shift();
  redraw ??= setTimeout(() => {
    redraw = null;
    const now = Date.now();
    for (const each of charts.values()) {
      if (each.graph && each.data.length > 0) each.graph.updateOptions({ file: each.data, dateWindow: [now - range, now] });
    }
  }, 1000);
}

if (typeof Dygraph !== 'undefined') {
  for (const element of document.querySelectorAll('.chart[data-tag]')) {
    const tag = element.dataset.tag;
    charts.set(tag, { tag, name: tag.split('/').pop(), element, data: [] });
  }
  for (const button of document.querySelectorAll('.range button[data-range]')) {
    button.addEventListener('click', () => {
      range = Number(button.dataset.range);
      for (const other of document.querySelectorAll('.range button')) {
        other.setAttribute('aria-pressed', String(other === button));
      }
      showRange();
    });
  }
  showRange();
}

listen({
  tags: [...valueCells.keys()],
  onUpdate(message) {
    for (const sample of message.samples) {
      showValue(sample);
      follow(sample);
    }
  },
});
