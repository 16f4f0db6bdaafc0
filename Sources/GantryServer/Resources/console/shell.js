// The header of every page: the count of unacknowledged alarms, and a tone for each new priority 1 or 2
// alarm while the operator has the sound on (browsers allow sound only after a click, hence the switch).
import { api, debounce } from './api.js';
import { listen } from './live.js';

const counter = document.getElementById('alarm-counter');
const toggle = document.getElementById('sound-toggle');
let audio = null;
let soundOn = localStorage.getItem('gantry.sound') === 'on';

function showSound() {
  toggle.textContent = soundOn ? 'Sound on' : 'Sound off';
  toggle.setAttribute('aria-pressed', String(soundOn));
}

function beep() {
  if (!soundOn) return;
  audio ??= new AudioContext();
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = 880;
  gain.gain.value = 0.2;
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.4);
}

const refreshCount = debounce(async () => {
  try {
    const page = await api('GET', '/api/v1/alarms?state=unacknowledged&limit=1');
    counter.textContent = String(page.total);
    counter.classList.toggle('has-alarms', page.total > 0);
    counter.setAttribute('aria-label', `${page.total} unacknowledged alarms`);
  } catch {
    counter.textContent = '?';
  }
}, 300);

toggle?.addEventListener('click', () => {
  soundOn = !soundOn;
  localStorage.setItem('gantry.sound', soundOn ? 'on' : 'off');
  if (soundOn) {
    audio ??= new AudioContext();
    audio.resume();
  }
  showSound();
});

if (counter) {
  showSound();
  refreshCount();
  listen({
    alarms: true,
    onOpen: refreshCount,
    onUpdate(message) {
      if (message.alarms.length === 0) return;
      refreshCount();
      if (message.alarms.some((alarm) => alarm.state === 'active_unacknowledged' && alarm.priority <= 2)) beep();
    },
  });
}
