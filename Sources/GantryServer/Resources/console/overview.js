// Keeps the overview's colours current: any alarm or device change re-reads every asset's status from the
// server, which computes it the same way as for the first render.
import { debounce } from './api.js';
import { listen } from './live.js';

const refresh = debounce(async () => {
  const response = await fetch('/console/status.json', { credentials: 'same-origin' });
  if (!response.ok) return;
  const statuses = await response.json();
  for (const element of document.querySelectorAll('[data-asset]')) {
    const status = statuses[element.dataset.asset];
    if (!status) continue;
    const target = element.classList.contains('tile') ? element : element.querySelector('.dot') ?? element;
    target.className = target.className.replace(/status-[a-z0-9]+/g, '').trim() + ' ' + status.class;
    if (target.classList.contains('dot')) target.setAttribute('aria-label', status.label);
    const text = element.querySelector('.status-text');
    if (text) text.textContent = status.label;
  }
}, 500);

listen({ alarms: true, devices: true, onUpdate: refresh, onOpen: refresh });
