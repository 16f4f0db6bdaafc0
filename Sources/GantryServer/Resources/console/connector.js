// A device's connector: its status every two seconds, its configuration as JSON (saved through the API, which
// names the field of any mistake), and an OPC UA browser whose variables become points with a click.
import { api } from './api.js';

const panel = document.getElementById('connector');
const device = panel.dataset.device;
const path = `/api/v1/devices/${device}/connector`;
const $ = (id) => document.getElementById(id);

const templates = {
  modbus: {
    enabled: true,
    modbus: {
      host: '127.0.0.1', port: 502, timeoutMilliseconds: 1000,
      groups: [{
        name: 'fast', unitID: 1, scanRateMilliseconds: 1000,
        points: [
          { name: 'temperature', table: 'inputRegister', address: 0, type: 'float32' },
          { name: 'running', table: 'coil', address: 0, type: 'bool' },
        ],
      }],
    },
    tags: {},
    commands: [],
  },
  opcua: {
    enabled: true,
    opcua: {
      endpoint: 'opc.tcp://127.0.0.1:4840/', identity: { type: 'anonymous' }, publishingIntervalMilliseconds: 500,
      points: [],
    },
    tags: {},
    commands: [],
  },
};

function showStatus(view) {
  $('status-protocol').textContent = view ? view.protocol : '–';
  const status = view?.status;
  $('status-link').textContent = !view ? 'no connector' : status ? status.link : 'stopped (disabled)';
  $('status-link').className = status?.link ?? '';
  $('status-reason').textContent = status?.reason ?? '';
  for (const key of ['requests', 'errors', 'reconnects', 'readings']) $(`status-${key}`).textContent = status?.[key] ?? '–';
  $('status-latency').textContent = status?.lastLatencyMilliseconds?.toFixed(1) ?? '–';
}

async function refresh(fillEditor = false) {
  try {
    const view = await api('GET', path);
    showStatus(view);
    if (fillEditor) {
      $('definition').value = JSON.stringify(view.definition, null, 2);
      const endpoint = view.definition?.opcua?.endpoint;
      if (endpoint) document.querySelector('#browse-form [name=endpoint]').value = endpoint;
    }
  } catch (error) {
    showStatus(null);
    if (!error.message.includes('has no connector')) $('definition-error').textContent = error.message;
  }
}

function editedDefinition() {
  try {
    return JSON.parse($('definition').value);
  } catch (error) {
    throw new Error(`the configuration is not valid JSON: ${error.message}`);
  }
}

$('save').addEventListener('click', async () => {
  $('definition-error').textContent = '';
  $('definition-saved').textContent = '';
  try {
    const view = await api('PUT', path, editedDefinition());
    showStatus(view);
    $('definition').value = JSON.stringify(view.definition, null, 2);
    $('definition-saved').textContent = `Saved; the connector ${view.enabled ? 'restarted' : 'is stopped'}.`;
  } catch (error) {
    $('definition-error').textContent = error.message;
  }
});

$('remove').addEventListener('click', async () => {
  $('definition-error').textContent = '';
  try {
    await api('DELETE', path);
    showStatus(null);
    $('definition-saved').textContent = 'Removed.';
  } catch (error) {
    $('definition-error').textContent = error.message;
  }
});

for (const kind of ['modbus', 'opcua']) {
  $(`template-${kind}`).addEventListener('click', () => {
    $('definition').value = JSON.stringify(templates[kind], null, 2);
  });
}

// Adds a browsed variable to the OPC UA configuration in the editor, named after its browse name.
function addPoint(reference) {
  $('definition-error').textContent = '';
  let definition;
  try {
    definition = $('definition').value.trim() ? editedDefinition() : structuredClone(templates.opcua);
  } catch (error) {
    $('definition-error').textContent = error.message;
    return;
  }
  if (!definition.opcua) {
    $('definition-error').textContent = 'browsed nodes become OPC UA points: start from the OPC UA example';
    return;
  }
  const endpoint = document.querySelector('#browse-form [name=endpoint]').value;
  if (endpoint) definition.opcua.endpoint = endpoint;
  const name = reference.browseName.replace(/^\d+:/, '').replace(/[^A-Za-z0-9_-]+/g, '_');
  if (!definition.opcua.points.some((point) => point.node === reference.nodeId)) {
    definition.opcua.points.push({ name, node: reference.nodeId });
  }
  $('definition').value = JSON.stringify(definition, null, 2);
}

async function browse(node) {
  $('browse-error').textContent = '';
  const endpoint = document.querySelector('#browse-form [name=endpoint]').value;
  document.querySelector('#browse-form [name=node]').value = node;
  try {
    const result = await api('POST', `${path}/browse`, { endpoint, node });
    $('browse-rows').replaceChildren(...result.items.map((reference) => {
      const row = document.createElement('tr');
      row.dataset.node = reference.nodeId;
      const nameCell = document.createElement('td');
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'link';
      open.textContent = reference.displayName || reference.browseName;
      open.addEventListener('click', () => browse(reference.nodeId));
      nameCell.append(open);
      const nodeCell = document.createElement('td');
      nodeCell.textContent = reference.nodeId;
      const classCell = document.createElement('td');
      classCell.textContent = reference.nodeClass;
      const actionCell = document.createElement('td');
      if (reference.nodeClass === 'Variable') {
        const add = document.createElement('button');
        add.type = 'button';
        add.className = 'add-point';
        add.textContent = 'Add as point';
        add.addEventListener('click', () => addPoint(reference));
        actionCell.append(add);
      }
      row.append(nameCell, nodeCell, classCell, actionCell);
      return row;
    }));
  } catch (error) {
    $('browse-error').textContent = error.message;
  }
}

$('browse-form').addEventListener('submit', (event) => {
  event.preventDefault();
  browse(document.querySelector('#browse-form [name=node]').value);
});

refresh(true);
setInterval(() => refresh(false), 2000);
