// Turns device rows online or offline as the broker sees them connect and go.
import { listen } from './live.js';

listen({
  devices: true,
  onUpdate(message) {
    for (const change of message.devices) {
      const row = document.querySelector(`tr[data-device="${CSS.escape(change.device)}"]`);
      if (!row) continue;
      const cell = row.querySelector('.link-state');
      cell.textContent = change.online ? 'online' : 'offline';
      cell.className = `link-state ${change.online ? 'online' : 'offline'}`;
      const at = new Date(change.at).toISOString();
      row.querySelector('.last-seen').textContent = change.online ? `connected since ${at}` : `last seen ${at}`;
    }
  },
});
