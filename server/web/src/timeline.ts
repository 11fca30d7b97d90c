// Timeline charts for the side panel, drawn with uPlot (about 50 KB, no
// dependencies): mentions per meeting date, stacked by who raised the
// concept (concept view) or by which concept a person raised (person view).

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Mention } from './api';
import { h } from './dom';

// Okabe–Ito, as in the graph, then a grey for the rest.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'];
const OTHERS = '#a0a8b3';
const TOP = 6;

export interface Stack {
  dates: string[]; // YYYY-MM-DD, ascending
  series: { label: string; values: number[] }[]; // the top TOP groups, then "others"
}

/** Counts rows per date and group, keeping the TOP groups with the most rows. */
export function stack(rows: Mention[], group: (r: Mention) => string, label: (r: Mention) => string): Stack {
  const totals = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const r of rows) {
    const g = group(r);
    totals.set(g, (totals.get(g) ?? 0) + 1);
    if (!labels.has(g)) labels.set(g, label(r));
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g);
  const top = ranked.slice(0, ranked.length > TOP + 1 ? TOP : TOP + 1);
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const at = new Map(dates.map((d, i) => [d, i]));
  const idx = new Map(top.map((g, i) => [g, i]));
  const series = top.map((g) => ({ label: labels.get(g) ?? g, values: new Array<number>(dates.length).fill(0) }));
  const rest = { label: `その他 ${ranked.length - top.length} others`, values: new Array<number>(dates.length).fill(0) };
  for (const r of rows) {
    const i = idx.get(group(r));
    (i === undefined ? rest : series[i]).values[at.get(r.date)!]++;
  }
  if (ranked.length > top.length) series.push(rest);
  return { dates, series };
}

function epoch(d: string): number {
  return Date.parse(d + 'T00:00:00Z') / 1000;
}

/**
 * A stacked bar chart of s, width px wide. uPlot has no stacking of its
 * own: each series is drawn as the running sum, the largest first, and the
 * legend shows the series' own values.
 */
export function timeline(s: Stack, title: string, width: number): HTMLElement {
  const box = h('figure', { class: 'timeline', 'data-testid': 'timeline' }, h('figcaption', null, title));
  if (!s.dates.length) {
    box.append(h('p', { class: 'muted' }, '言及なし · No mentions'));
    return box;
  }
  const xs = s.dates.map(epoch);
  const sums: number[][] = [];
  let run = new Array<number>(xs.length).fill(0);
  for (const ser of s.series) {
    run = run.map((v, i) => v + ser.values[i]);
    sums.push(run);
  }
  const order = s.series.map((_, i) => i).reverse(); // the tallest sum first, so the others draw over it
  const colour = (i: number) => (i < COLOURS.length && !s.series[i].label.startsWith('その他') ? COLOURS[i] : OTHERS);
  const span = xs.length > 1 ? xs[xs.length - 1] - xs[0] : 86400 * 30;
  const opts: uPlot.Options = {
    width,
    height: 170,
    scales: { x: { time: true, range: (_u, min, max) => [min - span * 0.03 - 86400 * 7, max + span * 0.03 + 86400 * 7] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    axes: [
      { space: 60, size: 30, font: '11px sans-serif', values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(0, 7)) },
      { size: 34, font: '11px sans-serif', space: 20, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
    ],
    legend: { show: true, live: false },
    cursor: { points: { show: false } },
    series: [
      { value: (_u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10)) },
      ...order.map((i) => ({
        label: s.series[i].label,
        stroke: colour(i),
        fill: colour(i),
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.9, 10, 2], align: 0 }),
        points: { show: false },
        value: (_u: uPlot, _v: number | null, _si: number, di: number | null) => (di == null ? String(s.series[i].values.reduce((a, b) => a + b, 0)) : String(s.series[i].values[di])),
      })),
    ],
  };
  const data: uPlot.AlignedData = [xs, ...order.map((i) => sums[i])];
  const holder = h('div', { class: 'chart' });
  box.append(holder);
  new uPlot(opts, data, holder);
  return box;
}
