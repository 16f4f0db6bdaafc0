// The control panel: lease, heartbeats while this operator holds control, round trip, interlocks, the
// commands of the equipment's type (hazardous ones confirmed in a dialog), the command history as the
// live stream reports it, the camera, and an emergency stop that needs nothing but a click.
import { api } from './api.js';
import { listen, send } from './live.js';

const panel = document.getElementById('control');
const equipment = panel.dataset.equipment;
const me = panel.dataset.user;
const equipmentID = encodeURIComponent(equipment);
const history = new Map();
let holder = null;
let beat = 0;
let consoleRoundTrip = null;
const pending = new Map();

const $ = (id) => document.getElementById(id);
const valueCells = new Map([...document.querySelectorAll('output.value[data-tag]')].map((o) => [o.dataset.tag, o]));

function format(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  return value === null ? '–' : String(value);
}

function showLease(lease) {
  holder = lease.holder ?? null;
  $('lease-holder').textContent = holder ?? 'nobody';
  $('lease-expiry').textContent = lease.expiresAt ? `(lapses ${new Date(lease.expiresAt).toLocaleTimeString()} without activity)` : '';
  $('lease-take').disabled = holder !== null && holder !== me;
  $('lease-release').disabled = holder !== me;
  $('session-state').textContent = holder === me ? 'driving' : 'not driving';
}

async function leaseAction(method, query = '') {
  $('lease-error').textContent = '';
  try {
    showLease(await api(method, `/api/v1/equipment/${equipmentID}/lease${query}`));
  } catch (error) {
    $('lease-error').textContent = error.message;
  }
}

// The POST's answer and the live stream race each other: a command may be completed on the live stream before
// the POST says it was sent. Its lifecycle only moves forward, so the version with the shorter history is stale.
function showCommand(command) {
  const known = history.get(command.id);
  if (known && known.history.length > command.history.length) return;
  history.set(command.id, command);
  const rows = [...history.values()].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)).slice(0, 20);
  $('history').replaceChildren(...rows.map((entry) => {
    const row = document.createElement('tr');
    row.dataset.command = entry.id;
    row.dataset.state = entry.state;
    const args = Object.entries(entry.args).map(([k, v]) => `${k}=${v}`).join(' ');
    const cells = [`${entry.name}${args ? ` (${args})` : ''}${entry.note ? ` — ${entry.note}` : ''}`,
      entry.state + (entry.reason ? `: ${entry.reason}` : '') + (entry.confirmationRequired ? ' (awaiting confirmation)' : ''),
      entry.requestedBy, new Date(entry.requestedAt).toLocaleTimeString()];
    for (const text of cells) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    row.classList.add(`state-${entry.state}`);
    return row;
  }));
}

async function request(name, args) {
  $('command-error').textContent = '';
  try {
    const command = await api('POST', '/api/v1/commands', { equipment, name, args });
    showCommand(command);
    if (command.confirmationRequired) confirmDialog(command);
    return command;
  } catch (error) {
    $('command-error').textContent = `${name}: ${error.message}`;
    return null;
  }
}

function confirmDialog(command) {
  const dialog = $('confirm-dialog');
  const args = Object.entries(command.args).map(([k, v]) => `${k} = ${v}`).join(', ');
  $('confirm-text').textContent = `${command.name}${args ? ` (${args})` : ''} is hazardous. Send it to ${equipment}?`;
  const step = async (action) => {
    dialog.close();
    try {
      showCommand(await api('POST', `/api/v1/commands/${command.id}/${action}`));
    } catch (error) {
      $('command-error').textContent = `${command.name}: ${error.message}`;
    }
  };
  $('confirm-yes').onclick = () => step('confirm');
  $('confirm-no').onclick = () => step('cancel');
  dialog.showModal();
}

function commandForm(definition) {
  const form = document.createElement('form');
  form.className = `command hazard-${definition.hazard}`;
  form.dataset.command = definition.name;
  const fields = definition.arguments.map((argument) => {
    const label = document.createElement('label');
    label.textContent = `${argument.name}${argument.unit ? ` (${argument.unit})` : ''} `;
    let input;
    if (argument.kind === 'choice') {
      input = document.createElement('select');
      for (const choice of argument.choices) input.append(new Option(choice, choice));
    } else if (argument.kind === 'bool') {
      input = document.createElement('select');
      input.append(new Option('true', 'true'), new Option('false', 'false'));
    } else {
      input = document.createElement('input');
      input.type = 'number';
      input.step = 'any';
      input.min = argument.minimum;
      input.max = argument.maximum;
      input.value = Math.max(argument.minimum, Math.min(argument.maximum, 1));
    }
    input.name = argument.name;
    input.title = argument.summary;
    label.append(input);
    return { argument, input, label };
  });
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = definition.name.replaceAll('_', ' ');
  button.title = definition.summary + (definition.hazard === 'hazardous' ? ' (asks for confirmation)' : '');
  form.append(...fields.map((f) => f.label), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const args = {};
    for (const { argument, input } of fields) {
      args[argument.name] = argument.kind === 'number' ? Number(input.value)
        : argument.kind === 'bool' ? input.value === 'true' : input.value;
    }
    request(definition.name, args);
  });
  return form;
}

async function refreshInterlocks() {
  try {
    const list = await api('GET', `/api/v1/equipment/${equipmentID}/interlocks`);
    $('interlocks').replaceChildren(...list.items.map((interlock) => {
      const row = document.createElement('tr');
      row.dataset.interlock = interlock.name;
      row.className = `interlock-${interlock.status}`;
      const name = document.createElement('td');
      name.textContent = `${interlock.name}: ${interlock.summary}`;
      const state = document.createElement('td');
      state.textContent = { clear: 'clear', active: 'ACTIVE — blocks ' + interlock.commands.join(', '),
        unknown: 'no current value — blocks ' + interlock.commands.join(', ') }[interlock.status];
      row.append(name, state);
      return row;
    }));
  } catch (error) {
    $('interlocks').textContent = error.message;
  }
}

async function findCamera() {
  try {
    const cameras = await api('GET', '/api/v1/cameras');
    const camera = (cameras.items ?? []).find((c) => c.equipment === equipment);
    if (!camera) {
      $('camera-status').textContent = 'No camera sends pictures of this machine.';
      return;
    }
    const image = $('camera');
    image.src = `/api/v1/cameras/mjpeg?equipment=${equipmentID}&camera=${encodeURIComponent(camera.camera)}`;
    image.hidden = false;
    setInterval(async () => {
      const list = await api('GET', '/api/v1/cameras').catch(() => null);
      const now = list?.items?.find((c) => c.equipment === equipment && c.camera === camera.camera);
      $('camera-status').textContent = now?.lastFrameAgeMs === undefined || now.lastFrameAgeMs === null
        ? 'No picture yet.' : `Picture age ${now.lastFrameAgeMs} ms, ${Number(now.framesPerSecond ?? 0).toFixed(1)} frames/s`;
    }, 1000);
  } catch {
    $('camera-status').textContent = 'No camera sends pictures of this machine.';
  }
}

function heartbeat() {
  if (holder !== me) return;
  beat += 1;
  const sentAt = performance.now();
  pending.set(beat, sentAt);
  send({ heartbeat: { equipment, beat, sentAt: Math.round(sentAt), roundTripMs: consoleRoundTrip ?? undefined } });
}

function showRoundTrip(reply) {
  const sentAt = pending.get(reply.beat);
  pending.delete(reply.beat);
  if (sentAt !== undefined) consoleRoundTrip = Math.round(performance.now() - sentAt);
  $('rtt-console').textContent = consoleRoundTrip ?? '–';
  $('rtt-device').textContent = reply.deviceRoundTripMs ?? '–';
  const total = (reply.deviceRoundTripMs ?? 0) + (consoleRoundTrip ?? 0);
  $('rtt-total').textContent = reply.deviceRoundTripMs === undefined ? '–' : total;
  $('speed-limited').hidden = !reply.speedLimited;
}

listen({
  tags: [`${equipment}/+`],
  control: true,
  onUpdate(message) {
    for (const sample of message.samples) {
      const output = valueCells.get(sample.tag);
      if (!output) continue;
      output.textContent = format(sample.value);
      output.classList.toggle('bad-quality', sample.quality !== 'good');
    }
    for (const update of message.control ?? []) {
      if (update.value.equipment !== equipment) continue;
      if (update.kind === 'command') showCommand(update.value);
      if (update.kind === 'lease') showLease(update.value);
      if (update.kind === 'teleoperation') {
        $('session-state').textContent = update.value.state === 'active' ? `driving (${update.value.operator})` : update.value.state;
        $('rtt-budget').textContent = update.value.budgetMs;
      }
    }
  },
  onMessage(message) {
    if (message.type === 'heartbeat' && message.equipment === equipment) showRoundTrip(message);
    if (message.type === 'error' && message.detail.startsWith('heartbeat refused')) $('lease-error').textContent = message.detail;
  },
});

$('estop').addEventListener('click', async () => {
  $('estop-status').textContent = 'Emergency stop sent…';
  const command = await request('emergency_stop', {});
  $('estop-status').textContent = command ? `Emergency stop ${command.state}` : 'EMERGENCY STOP REFUSED — stop the machine locally';
});
$('lease-take').addEventListener('click', () => leaseAction('POST'));
$('lease-release').addEventListener('click', () => leaseAction('DELETE'));
$('lease-takeover').addEventListener('click', () => leaseAction('POST', '?takeover=true'));

(async () => {
  try {
    showLease(await api('GET', `/api/v1/equipment/${equipmentID}/lease`));
    const catalogue = await api('GET', `/api/v1/equipment/${equipmentID}/commands`);
    $('commands').replaceChildren(...catalogue.items.filter((d) => d.hazard !== 'emergency_stop').map(commandForm));
    const commands = await api('GET', `/api/v1/commands?equipment=${equipmentID}&limit=20`);
    for (const command of commands.items.reverse()) showCommand(command);
  } catch (error) {
    $('command-error').textContent = error.message;
  }
  refreshInterlocks();
  setInterval(refreshInterlocks, 2000);
  setInterval(heartbeat, 200);
  findCamera();
})();
