import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { ChartSpec } from '../../../runner/contracts.ts';

const palette = ['#0b6bcb', '#c2410c', '#15803d', '#7c3aed', '#be123c', '#0f766e'];

/** A chart from a cell's display.chart(spec), drawn with uPlot (loaded only when a cell shows one). */
export function renderChart(box: HTMLElement, spec: ChartSpec): void {
  const categorical = spec.x.some((v) => typeof v === 'string');
  const xs = spec.x.map((v, i) => (categorical ? i : Number(v)));
  if (spec.title) {
    const cap = document.createElement('figcaption');
    cap.textContent = spec.title;
    box.append(cap);
  }
  const width = Math.min(720, box.clientWidth || 640);
  // Epochs, executions, categories: whole-number ticks only.
  const whole = categorical || xs.every(Number.isInteger);
  const label = (x: number) => (categorical ? String(spec.x[x] ?? '') : String(x));
  const paths = spec.type === 'bar' ? uPlot.paths.bars?.({ size: [0.6, 60] }) : undefined;
  new uPlot(
    {
      width,
      height: 300,
      scales: { x: { time: false } },
      axes: [
        { label: spec.xLabel, incrs: whole ? [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] : undefined, values: categorical ? (_u, ticks) => ticks.map(label) : undefined },
        { label: spec.yLabel },
      ],
      series: [
        { label: spec.xLabel ?? 'x', value: (_u, v) => (v === null || v === undefined ? '–' : label(v)) },
        ...spec.series.map((s, i) => ({
          label: s.name,
          stroke: palette[i % palette.length],
          fill: spec.type === 'bar' ? `${palette[i % palette.length]}88` : undefined,
          paths,
          points: { show: spec.type === 'scatter', size: 8 },
          width: spec.type === 'scatter' ? 0 : 2,
        })),
      ],
    },
    [xs, ...spec.series.map((s) => s.values)],
    box,
  );
  // A text equivalent for screen readers and print.
  const table = document.createElement('table');
  table.className = 'chart-data visually-hidden';
  const head = table.insertRow();
  for (const name of [spec.xLabel ?? 'x', ...spec.series.map((s) => s.name)]) {
    const th = document.createElement('th');
    th.textContent = name; // names come from the cell: text, never markup
    head.append(th);
  }
  spec.x.forEach((x, i) => {
    const tr = table.insertRow();
    tr.insertCell().textContent = String(x);
    for (const s of spec.series) tr.insertCell().textContent = String(s.values[i] ?? '');
  });
  box.append(table);
}
