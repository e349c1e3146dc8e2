// A candlestick chart of one instrument's 1-minute bars on a canvas (RspQryKLine + RtnKLine).
const bars = new Map(); // StartTime -> bar, for the instrument on show
let shown = '';

export function showInstrument(instrument) {
  if (instrument !== shown) bars.clear();
  shown = instrument;
  draw();
}

/// The instrument on show while it has no bar yet (the console asks for them again).
export function waitingFor() {
  return bars.size === 0 ? shown : '';
}

export function addBar(bar) {
  if (!bar || bar.InstrumentID !== shown || bar.Period !== '1m') return;
  bars.set(bar.StartTime, bar);
  draw();
}

function draw() {
  const canvas = document.getElementById('kline');
  if (!canvas) return;
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = '#6b7480';
  ctx.font = '11px system-ui';
  const list = [...bars.values()].sort((a, b) => a.StartTime.localeCompare(b.StartTime)).slice(-60);
  ctx.fillText(`${shown} 1m (${list.length})`, 4, 12);
  if (list.length === 0) return;
  const hi = Math.max(...list.map((b) => b.High));
  const lo = Math.min(...list.map((b) => b.Low));
  const span = hi - lo || 1;
  const top = 18;
  const y = (p) => top + (h - top - 14) * (1 - (p - lo) / span);
  const step = (w - 50) / 60;
  list.forEach((b, i) => {
    const x = 4 + i * step + step / 2;
    const up = b.Close >= b.Open;
    ctx.strokeStyle = ctx.fillStyle = up ? '#c62828' : '#2e7d32';
    ctx.beginPath();
    ctx.moveTo(x, y(b.High));
    ctx.lineTo(x, y(b.Low));
    ctx.stroke();
    const bodyTop = y(Math.max(b.Open, b.Close));
    ctx.fillRect(x - step * 0.35, bodyTop, step * 0.7, Math.max(1, y(Math.min(b.Open, b.Close)) - bodyTop));
  });
  ctx.fillStyle = '#6b7480';
  ctx.fillText(String(hi), w - 44, top + 8);
  ctx.fillText(String(lo), w - 44, h - 16);
  ctx.fillText(list[list.length - 1].StartTime.slice(0, 5), w - 44, h - 2);
  canvas.dataset.bars = String(list.length);
}
