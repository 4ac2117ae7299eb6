/**
 * A small line chart on a <canvas>: named series of (time, value) points, optional dashed
 * reference lines, drawn over a time axis starting at 0. Redraws at most once per frame.
 */
export const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

export class Chart {
  /** `canvas`: where to draw; `title`: drawn top left; `format(v)`: axis labels. */
  constructor(canvas, title, format = (v) => String(Math.round(v))) {
    this.canvas = canvas;
    this.title = title;
    this.format = format;
    this.series = new Map();
    this.references = [];
    this.points = 0;
    this.pending = false;
  }

  /** Empties the chart; `references` are [{ label, value }] drawn as dashed lines. */
  reset(references = []) {
    this.series.clear();
    this.references = references;
    this.points = 0;
    this.redraw();
  }

  /** Adds a point to series `name` (created with the next palette colour), skipping null values. */
  add(name, t, value) {
    if (value === null || value === undefined || Number.isNaN(value)) return;
    if (!this.series.has(name)) this.series.set(name, { color: palette[this.series.size % palette.length], points: [] });
    this.series.get(name).points.push([t, value]);
    this.points++;
    this.redraw();
  }

  redraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  draw() {
    const { canvas } = this;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);

    const all = [...this.series.values()].flatMap((s) => s.points);
    const values = [...all.map((p) => p[1]), ...this.references.map((r) => r.value), 0];
    let low = Math.min(...values);
    let high = Math.max(...values);
    if (high === low) high = low + 1;
    const pad = (high - low) * 0.08;
    high += pad;
    if (low < 0) low -= pad;
    const tMax = Math.max(1, ...all.map((p) => p[0]));
    const left = 52;
    const right = width - 8;
    g.font = '11px system-ui, sans-serif';
    // The title, then the series names in their colours, wrapped to as many rows as they need.
    const labels = [];
    let lx = left + g.measureText(this.title).width + 12;
    let ly = 12;
    for (const [name, { color }] of this.series) {
      const w = g.measureText(name).width;
      if (lx + w > right) { lx = left; ly += 13; }
      labels.push({ name, color, x: lx, y: ly });
      lx += w + 10;
    }
    const top = ly + 6;
    const bottom = height - 18;
    const x = (t) => left + (t / tMax) * (right - left);
    const y = (v) => bottom - ((v - low) / (high - low)) * (bottom - top);

    g.fillStyle = '#222';
    g.fillText(this.title, left, 12);
    g.strokeStyle = '#ccc';
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(left, top);
    g.lineTo(left, bottom);
    g.lineTo(right, bottom);
    g.stroke();
    g.fillStyle = '#666';
    g.textAlign = 'right';
    for (const v of [low, (low + high) / 2, high]) g.fillText(this.format(v), left - 4, y(v) + 4);
    g.fillText(`${(tMax / 1000).toFixed(1)} s`, right, height - 4);
    g.textAlign = 'left';

    g.setLineDash([4, 3]);
    for (const { label, value } of this.references) {
      g.strokeStyle = '#999';
      g.beginPath();
      g.moveTo(left, y(value));
      g.lineTo(right, y(value));
      g.stroke();
      g.fillStyle = '#777';
      g.textAlign = 'right';
      g.fillText(label, right - 4, y(value) - 3);
      g.textAlign = 'left';
    }
    g.setLineDash([]);

    for (const { name, color, x: at, y: row } of labels) {
      g.fillStyle = color;
      g.fillText(name, at, row);
    }
    for (const { color, points } of this.series.values()) {
      g.strokeStyle = color;
      g.lineWidth = 1.5;
      g.beginPath();
      points.forEach(([t, v], i) => (i ? g.lineTo(x(t), y(v)) : g.moveTo(x(t), y(v))));
      if (points.length === 1) g.arc(x(points[0][0]), y(points[0][1]), 2, 0, 2 * Math.PI);
      g.stroke();
    }
  }
}
