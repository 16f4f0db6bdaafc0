// One WebSocket to /api/v1/live per page, shared by every module on it. Each module asks for what it
// needs; the connection subscribes to the union and hands each update to every listener. It reconnects
// with a growing pause, and shows its state in #live-status when the page has one.
const listeners = [];
let socket = null;
let retry = 1000;

function wanted() {
  const tags = new Set();
  let alarms = false;
  let devices = false;
  let control = false;
  for (const listener of listeners) {
    for (const tag of listener.tags ?? []) tags.add(tag);
    alarms ||= Boolean(listener.alarms);
    devices ||= Boolean(listener.devices);
    control ||= Boolean(listener.control);
  }
  return { tags: [...tags], alarms, devices, control };
}

function showState(text) {
  const status = document.getElementById('live-status');
  if (status) status.textContent = text;
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${scheme}://${location.host}/api/v1/live`);
  socket.addEventListener('open', () => {
    retry = 1000;
    showState('live');
    socket.send(JSON.stringify({ subscribe: wanted() }));
    for (const listener of listeners) listener.onOpen?.();
  });
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    for (const listener of listeners) {
      if (message.type === 'update') listener.onUpdate?.(message);
      else listener.onMessage?.(message);
    }
  });
  socket.addEventListener('close', () => {
    showState(`reconnecting in ${Math.round(retry / 1000)} s`);
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 30000);
  });
}

/// Sends a command on the shared connection (a teleoperation heartbeat); false while it is not open.
export function send(command) {
  if (socket?.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(command));
  return true;
}

/// Adds a listener: `{tags: [patterns], alarms, devices, control: bool, onUpdate(message), onMessage(other),
/// onOpen()}`.
export function listen(listener) {
  listeners.push(listener);
  if (!socket) {
    connect();
  } else if (socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ subscribe: wanted() }));
  }
}
