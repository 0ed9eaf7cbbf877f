/**
 * A chart from a cell's display.chart(spec), drawn with Observable Plot. This module (and Plot, and the parts of d3 it
 * uses) is imported by output.ts only when a cell shows a chart: never on a page's first load.
 *
 * Why Plot (compared in December 2026 for what the labs draw: a scatter with a name on every point, bars side by
 * side, threshold lines with their own text):
 * - uPlot (~20 KB gzip): fast time series on <canvas>. No text marks, no band scale (one bar is half drawn at the
 *   edge), no grouped bars; canvas text cannot follow the page's CSS theme nor be read or tested from the DOM.
 * - Chart.js (~65 KB gzip with the controllers we would register): canvas again; point labels and threshold lines
 *   need two plugins (datalabels, annotation); colours are JS values, not the page's.
 * - Vega-Lite (vega + vega-lite + vega-embed, ~250 KB gzip): does all of it in SVG, but is the heaviest, and its
 *   expression parser needs `unsafe-eval` under our CSP unless vega-interpreter is added.
 * - Observable Plot 0.6 (measured: the built chart chunk, Plot with the d3 modules it uses and this code, is 271 KB
 *   raw, 92 KB gzip, loaded on a chart's first appearance only): SVG with text (Plot.text labels each point),
 *   Plot.ruleY for a bar, facets (fx) for grouped bars, band scales that draw whole bars; text is `currentColor`, so axis text takes the theme's foreground; every element is in the DOM, where
 *   screen readers (aria-label on the figure and the SVG) and the browser tests can read it.
 * Every chart also gets its numbers as a table (details below the SVG), and a legend written as text.
 */
import { plot } from '@observablehq/plot';

import type { ChartSpec } from '../../../core/workshop.ts';
import { MISSES, PASSES, panelled, plotOptions, ruleFor, shortNames, type Theme } from './chart-plot.ts';

const css = (el: Element, name: string, fallback: string) => getComputedStyle(el).getPropertyValue(name).trim() || fallback;

function theme(el: Element): Theme {
  return {
    series: [1, 2, 3, 4, 5, 6].map((n) => css(el, `--chart-${n}`, '#0b5cad')),
    pass: css(el, '--pass', '#116329'),
    fail: css(el, '--fail', '#a40e26'),
    rule: css(el, '--fg', '#1b1f24'),
    bg: css(el, '--bg', '#ffffff'),
  };
}

/** A small swatch for the legend: the same colour and shape as the chart's marks. */
function swatch(colour: string, shape: 'circle' | 'times' | 'square'): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '-7 -7 14 14');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  const mark = document.createElementNS(ns, shape === 'circle' ? 'circle' : shape === 'square' ? 'rect' : 'path');
  if (shape === 'circle') mark.setAttribute('r', '5');
  else if (shape === 'square')
    for (const [k, v] of [
      ['x', '-6'],
      ['y', '-6'],
      ['width', '12'],
      ['height', '12'],
    ])
      mark.setAttribute(k, v);
  else mark.setAttribute('d', 'M-4.5,-4.5L4.5,4.5M4.5,-4.5L-4.5,4.5');
  mark.setAttribute(shape === 'times' ? 'stroke' : 'fill', colour);
  if (shape === 'times') mark.setAttribute('stroke-width', '2.5');
  svg.append(mark);
  return svg;
}

function legend(spec: ChartSpec, t: Theme): HTMLUListElement {
  const ul = document.createElement('ul');
  ul.className = 'chart-legend';
  const item = (colour: string, shape: 'circle' | 'times' | 'square', text: string) => {
    const li = document.createElement('li');
    li.append(swatch(colour, shape), document.createTextNode(text)); // text from the cell: never markup
    ul.append(li);
  };
  if (panelled(spec) || (spec.rules?.length && spec.type === 'scatter')) {
    item(t.pass, 'circle', `✓ ${PASSES}`);
    item(t.fail, 'times', `✗ ${MISSES}`);
  } else if (spec.series.length > 1 || spec.type === 'bar') {
    spec.series.forEach((s, i) => item(t.series[i % t.series.length], spec.type === 'bar' ? 'square' : 'circle', s.name));
  }
  const short = shortNames(spec.labels ?? []);
  if (panelled(spec) && spec.labels?.[0] && short[0] !== spec.labels[0]) {
    const li = document.createElement('li');
    li.textContent = `names without “${spec.labels[0].slice(0, spec.labels[0].length - short[0].length)}”`;
    ul.append(li);
  }
  if (spec.rules?.length) {
    const li = document.createElement('li');
    li.className = 'chart-legend-rule';
    li.textContent = spec.type === 'bar' && !spec.stacked ? '- - - the bar to reach; ✓ reached, ✗ not' : '- - - the bar to reach';
    ul.append(li);
  }
  return ul;
}

/** The chart's numbers, for screen readers, print and anyone who wants them exact. */
function dataTable(spec: ChartSpec): HTMLDetailsElement {
  const details = document.createElement('details');
  details.className = 'chart-numbers';
  const summary = document.createElement('summary');
  summary.textContent = 'The numbers behind the chart';
  const table = document.createElement('table');
  table.className = 'chart-data';
  if (spec.rules?.length) table.createCaption().textContent = `Bars: ${spec.rules.map((r) => r.label).join('; ')}`;
  const head = table.createTHead().insertRow();
  const columns = [...(spec.labels ? [''] : []), spec.xLabel ?? 'x', ...spec.series.map((s) => s.name)];
  for (const name of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name; // names come from the cell: text, never markup
    head.append(th);
  }
  const body = table.createTBody();
  spec.x.forEach((x, i) => {
    const tr = body.insertRow();
    if (spec.labels) tr.insertCell().textContent = spec.labels[i] ?? '';
    tr.insertCell().textContent = String(x);
    for (const s of spec.series) {
      const v = s.values[i];
      const rule = typeof v === 'number' ? ruleFor(spec, s.name, x) : undefined;
      const verdict = rule && typeof v === 'number' ? ((rule.atMost ? v <= rule.y : v >= rule.y) ? ' ✓' : ' ✗') : '';
      tr.insertCell().textContent = `${v ?? ''}${verdict}`;
    }
  });
  details.append(summary, table);
  return details;
}

/** Draws the chart into `box` (a <figure>), and again when its width or the theme changes. */
export function renderChart(box: HTMLElement, spec: ChartSpec): void {
  box.setAttribute('aria-label', spec.title ?? 'Chart');
  if (spec.title) {
    const cap = document.createElement('figcaption');
    cap.textContent = spec.title;
    box.append(cap);
  }
  const area = document.createElement('div');
  area.className = 'chart-plot';
  const key = document.createElement('div');
  box.append(area, key, dataTable(spec));

  let drawnWidth = 0;
  const draw = () => {
    const width = Math.max(280, Math.min(760, area.clientWidth || box.clientWidth || 640));
    drawnWidth = width;
    const t = theme(box);
    const svg = plot(plotOptions(spec, width, t));
    svg.setAttribute('role', 'img');
    // The SVG is one image with a name, a description and the table beside it: Plot's aria-label on each mark's <g>
    // would be a name on an element that cannot have one (axe: aria-prohibited-attr). Kept as data-mark for tests.
    for (const g of svg.querySelectorAll('[aria-label]')) {
      g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
      g.removeAttribute('aria-label');
    }
    area.replaceChildren(svg);
    key.replaceChildren(legend(spec, t));
  };
  draw();

  // Theme and width changes redraw: colours are attributes of the SVG, resolved from the CSS variables above.
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const onTheme = () => (box.isConnected ? draw() : stop());
  const themeObserver = new MutationObserver(onTheme);
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  dark.addEventListener('change', onTheme);
  const resize = new ResizeObserver(() => {
    if (!box.isConnected) return stop();
    const w = area.clientWidth;
    if (w && Math.abs(Math.min(760, w) - drawnWidth) > 24) draw();
  });
  resize.observe(area);
  function stop() {
    themeObserver.disconnect();
    resize.disconnect();
    dark.removeEventListener('change', onTheme);
  }
}
