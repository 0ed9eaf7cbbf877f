import * as Plot from '@observablehq/plot';

import type { ChartSpec } from '../../../core/workshop.ts';

/** Colours read from the page's CSS variables at draw time (Plot writes them as SVG attributes, where var() is not reliable). */
export interface Theme {
  series: string[];
  pass: string;
  fail: string;
  rule: string;
  bg: string;
}

type Rule = NonNullable<ChartSpec['rules']>[number];

/** One value of one series at one x: the row every mark reads. */
interface Row {
  i: number;
  x: number | string;
  series: string;
  value: number;
  label?: string;
  status?: Status;
}

export const PASSES = 'reaches its bar';
export const MISSES = 'misses its bar';
type Status = typeof PASSES | typeof MISSES;

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1));
const reaches = (v: number, r: Rule) => (r.atMost ? v <= r.y : v >= r.y);

/** The rule a value is measured against: its series' rule, its category's, or the chart's only one. */
export function ruleFor(spec: ChartSpec, series: string, x: number | string): Rule | undefined {
  const rules = spec.rules ?? [];
  return (
    rules.find((r) => r.series === series) ??
    rules.find((r) => r.x !== undefined && r.x === x && r.series === undefined) ??
    (rules.length === 1 && rules[0].series === undefined && rules[0].x === undefined ? rules[0] : undefined)
  );
}

export function rowsOf(spec: ChartSpec): Row[] {
  return spec.series.flatMap((s) =>
    spec.x.flatMap((x, i) => {
      const value = s.values[i];
      if (typeof value !== 'number' || !Number.isFinite(value)) return [];
      const rule = ruleFor(spec, s.name, x);
      return [
        { i, x, series: s.name, value, label: spec.labels?.[i], status: rule ? (reaches(value, rule) ? PASSES : MISSES) : undefined },
      ];
    }),
  );
}

/** Whether a scatter is drawn as one panel per series (labelled points measured against each series' own bar). */
export const panelled = (spec: ChartSpec) => spec.type === 'scatter' && spec.series.length > 1 && !!spec.labels?.length;

/** y from 0 up to the highest value or rule, with room above it for value labels: nothing is clipped. */
function yTop(spec: ChartSpec, rows: Row[]): number {
  const stackedTotals = spec.stacked
    ? spec.x.map((_, i) => rows.filter((r) => r.i === i).reduce((a, r) => a + Math.max(0, r.value), 0))
    : [];
  const top = Math.max(0, ...rows.map((r) => r.value), ...stackedTotals, ...(spec.rules ?? []).map((r) => r.y));
  return top === 0 ? 1 : top * 1.15;
}

const wholeNumbers = (rows: Row[]) => rows.every((r) => Number.isInteger(r.value));

/** The Plot options of a chart, `width` px wide. */
export function plotOptions(spec: ChartSpec, width: number, theme: Theme): Plot.PlotOptions {
  const rows = rowsOf(spec);
  const colour = { domain: spec.series.map((s) => s.name), range: theme.series };
  const narrow = width < 520;
  const common = {
    width,
    style: { fontSize: '12px', overflow: 'visible', background: 'transparent' },
    ariaLabel: spec.title ?? 'Chart',
    ariaDescription: describe(spec),
  };
  const integerY = wholeNumbers(rows) ? { ticks: Math.max(1, Math.min(5, Math.ceil(yTop(spec, rows) / 1.15))), tickFormat: 'd' } : {};
  const halo = { fill: 'currentColor', stroke: theme.bg, strokeWidth: 4, paintOrder: 'stroke' } as const;

  if (panelled(spec)) {
    // One panel per metric: each answers "which model reaches this bar?" without a legend to decode.
    const rules = (spec.rules ?? []).filter((r) => r.series !== undefined);
    const xs = rows.map((r) => Number(r.x));
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    const [x0, x1] = [Math.min(0, lo), hi + (hi - lo) * 0.04];
    const y1 = Math.max(1, yTop(spec, rows));
    const pad = 0.28;
    const n = spec.series.length;
    const height = n * (narrow ? 160 : 135) + 76;
    const panelHeight = ((height - 28 - 48) / (n - pad)) * (1 - pad); // facets: inner padding only
    const names = shortNames(spec.labels ?? []);
    const pointText = (r: Row) => `${names[r.i] ?? fmt(Number(r.x))}${r.status === PASSES ? ' ✓' : r.status === MISSES ? ' ✗' : ''}`;
    return {
      ...common,
      height,
      marginLeft: 40,
      marginRight: 16,
      marginTop: 28,
      marginBottom: 48,
      x: { label: spec.xLabel ?? null, labelAnchor: 'center', labelOffset: 40, inset: 12, domain: [x0, x1] },
      // The panels' titles name what y is (a score per metric): no y label to collide with them.
      y: { label: null, domain: [0, y1], ticks: 3, grid: true },
      fy: { domain: spec.series.map((s) => s.name), axis: null, padding: pad },
      color: { domain: [PASSES, MISSES], range: [theme.pass, theme.fail] },
      symbol: { domain: [PASSES, MISSES], range: ['circle', 'times'] },
      marks: [
        Plot.frame({ stroke: theme.rule, strokeOpacity: 0.35 }),
        // The panel's title says which bar its dashed line is; the line itself carries only its value, at the left
        // edge, clear of the model names (which sit right of their points).
        Plot.text(
          spec.series.map((s) => s.name),
          {
            fy: (d: string) => d,
            text: (d: string) => panelTitle(spec, d),
            frameAnchor: 'top-left',
            lineAnchor: 'bottom',
            dy: -4,
            fontWeight: 600,
            fontSize: 12,
            lineWidth: Math.floor((width - 48) / 12),
          },
        ),
        Plot.ruleY(rules, { fy: 'series', y: 'y', stroke: theme.rule, strokeWidth: 1.5, strokeDasharray: '6 4' }),
        Plot.text(rules, {
          fy: 'series',
          y: 'y',
          text: (r: Rule) => `${r.atMost ? '≤' : '≥'} ${fmt(r.y)}`,
          frameAnchor: 'left',
          textAnchor: 'start',
          dx: 3,
          dy: -7,
          fontSize: 11,
          ...halo,
        }),
        Plot.dot(rows, {
          x: (r: Row) => Number(r.x),
          y: 'value',
          fy: 'series',
          fill: 'status',
          stroke: 'status',
          symbol: 'status',
          r: 5,
          strokeWidth: 2,
        }),
        // Labels point away from the nearer edge, so the dearest model's name is not cut off on the right.
        ...placeLabels(rows, pointText, { width: width - 40 - 16 - 24, height: panelHeight, x0, x1, y1 }).map(({ row, place }) =>
          Plot.text([row], {
            x: (r: Row) => Number(r.x),
            y: 'value',
            fy: 'series',
            text: pointText,
            textAnchor: place.anchor,
            dx: place.dx,
            dy: place.dy,
            ...halo,
          }),
        ),
      ],
    };
  }

  const wholeRules = (spec.rules ?? []).filter((r) => r.x === undefined && r.series === undefined);
  const ruleMarks = [
    Plot.ruleY(wholeRules, { y: 'y', stroke: theme.rule, strokeWidth: 1.5, strokeDasharray: '6 4' }),
    Plot.text(wholeRules, { y: 'y', text: 'label', frameAnchor: 'left', textAnchor: 'start', dx: 4, dy: -7, ...halo }),
  ];

  if (spec.type === 'bar' && !spec.stacked && spec.series.length > 1) {
    // Grouped: one facet per category, the series side by side inside it, each bar labelled with its value.
    const byX = (spec.rules ?? []).filter((r) => r.x !== undefined);
    const barText = (r: Row) => `${fmt(r.value)}${r.status === PASSES ? ' ✓' : r.status === MISSES ? ' ✗' : ''}`;
    return {
      ...common,
      height: 320,
      marginLeft: 48,
      marginTop: narrow ? 48 : 36,
      marginBottom: 44,
      fx: { domain: spec.x, padding: 0.12 },
      x: { domain: spec.series.map((s) => s.name), axis: null, paddingInner: 0.12, paddingOuter: 0.2 },
      y: { label: spec.yLabel ?? null, domain: [0, yTop(spec, rows)], grid: true, ...integerY },
      color: colour,
      marks: [
        Plot.barY(rows, { fx: 'x', x: 'series', y: 'value', fill: 'series' }),
        Plot.text(rows, { fx: 'x', x: 'series', y: 'value', text: barText, lineAnchor: 'bottom', dy: -4, ...halo }),
        // Each category's heading names its bar: a label on the dashed line would sit on a bar that nearly reaches it.
        Plot.axisFx({
          anchor: 'top',
          label: spec.xLabel ?? null,
          tickSize: 0,
          fontSize: 13,
          fontWeight: 600,
          lineWidth: narrow ? 9 : 20,
          tickFormat: (x: string | number) => {
            const r = byX.find((b) => b.x === x);
            return r ? `${x} · ${r.label}` : String(x);
          },
        }),
        Plot.axisX({ lineWidth: narrow ? 5 : 9, label: null, tickSize: 0, fontSize: 11 }),
        Plot.ruleY(byX, { fx: 'x', y: 'y', stroke: theme.rule, strokeWidth: 1.5, strokeDasharray: '6 4' }),
        Plot.ruleY([0]),
        ...ruleMarks,
      ],
    };
  }

  if (spec.type === 'bar') {
    // One bar per x (the series stacked: parts of one total), the total written on top.
    const totals = spec.x.map((x, i) => ({ x, total: rows.filter((r) => r.i === i).reduce((a, r) => a + r.value, 0) }));
    const crowded = spec.x.length * 56 > width;
    // Rotated labels need ~28 px each: name every step-th x (the bars and the table keep all of them).
    const step = Math.max(1, Math.ceil(spec.x.length / Math.floor((width - 60) / 28)));
    const ticks = spec.x.filter((_, i) => i % step === 0);
    return {
      ...common,
      height: 300,
      marginLeft: 48,
      marginBottom: crowded ? 104 : 44,
      x: {
        domain: spec.x,
        label: spec.xLabel ?? null,
        type: 'band',
        padding: 0.2,
        ...(crowded ? { tickRotate: -45, ticks, labelOffset: 98 } : {}),
      },
      y: { label: spec.yLabel ?? null, domain: [0, yTop(spec, rows)], grid: true, ...integerY },
      color: colour,
      marks: [
        Plot.barY(rows, { x: 'x', y: 'value', fill: 'series' }),
        Plot.text(totals, { x: 'x', y: 'total', text: (d: { total: number }) => fmt(d.total), lineAnchor: 'bottom', dy: -4 }),
        // Bars of height 0 draw nothing: say it, rather than leave an empty frame to puzzle over.
        ...(totals.every((t) => t.total === 0)
          ? [Plot.text([`No ${spec.yLabel ?? 'value'} above 0`], { frameAnchor: 'middle', fontSize: 14 })]
          : []),
        Plot.ruleY([0]),
        ...ruleMarks,
      ],
    };
  }

  // Lines and plain scatters: one colour and one symbol per series, each line named at its end.
  const numeric = spec.x.every((x) => typeof x === 'number');
  const whole = numeric && spec.x.every((x) => Number.isInteger(x));
  return {
    ...common,
    height: 300,
    marginLeft: 52,
    marginRight: spec.type === 'line' ? (narrow ? 72 : 96) : 20,
    x: numeric
      ? { label: spec.xLabel ?? null, ...(whole && spec.x.length <= 12 ? { ticks: spec.x as number[], tickFormat: 'd' } : {}) }
      : { label: spec.xLabel ?? null, type: 'point', domain: spec.x, padding: 0.3 },
    y: { label: spec.yLabel ?? null, grid: true, nice: true },
    color: colour,
    symbol: { domain: colour.domain, range: ['circle', 'square', 'triangle', 'diamond', 'star', 'cross'] },
    marks: [
      ...(spec.type === 'line' ? [Plot.lineY(rows, { x: 'x', y: 'value', stroke: 'series', strokeWidth: 2 })] : []),
      Plot.dot(rows, { x: 'x', y: 'value', fill: 'series', symbol: 'series', r: 4 }),
      ...(spec.type === 'line'
        ? [Plot.text(rows, Plot.selectLast({ x: 'x', y: 'value', z: 'series', text: 'series', textAnchor: 'start', dx: 8, lineWidth: 7 }))]
        : []),
      ...ruleMarks,
    ],
  };
}

interface Place {
  anchor: 'start' | 'end';
  dx: number;
  dy: number;
}

/**
 * Where each point's name goes in its panel: right of the point, else left, else above or below, whichever first
 * overlaps neither the panel's edges nor a name placed before it. Sizes are estimates (12px text ≈ 6.8px a char).
 */
function placeLabels(
  rows: Row[],
  text: (r: Row) => string,
  box: { width: number; height: number; x0: number; x1: number; y1: number },
): { row: Row; place: Place }[] {
  const tries: Place[] = [
    { anchor: 'start', dx: 9, dy: 4 },
    { anchor: 'end', dx: -9, dy: 4 },
    { anchor: 'start', dx: 7, dy: -12 },
    { anchor: 'end', dx: -7, dy: -12 },
    { anchor: 'start', dx: 7, dy: 18 },
    { anchor: 'end', dx: -7, dy: 18 },
    { anchor: 'start', dx: 5, dy: -26 },
    { anchor: 'end', dx: -5, dy: -26 },
    { anchor: 'start', dx: 5, dy: 32 },
    { anchor: 'end', dx: -5, dy: 32 },
  ];
  const placed = new Map<string, [number, number, number, number][]>();
  return rows.map((row) => {
    const px = ((Number(row.x) - box.x0) / (box.x1 - box.x0)) * box.width;
    const py = (1 - row.value / box.y1) * box.height;
    const w = text(row).length * 6.8;
    const taken = placed.get(row.series) ?? [];
    const rect = (p: Place): [number, number, number, number] => {
      const l = p.anchor === 'start' ? px + p.dx : px + p.dx - w;
      return [l, py + p.dy - 7, l + w, py + p.dy + 7];
    };
    const fits = (r: [number, number, number, number]) =>
      r[0] >= -10 && r[2] <= box.width + 10 && !taken.some((t) => r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3]);
    const place = tries.find((p) => fits(rect(p))) ?? tries[px > box.width / 2 ? 1 : 0];
    taken.push(rect(place));
    placed.set(row.series, taken);
    return { row, place };
  });
}

/** The model names without the prefix they all share (`huggingface-llm-`), so each fits next to its point. */
export function shortNames(labels: string[]): string[] {
  if (labels.length < 2) return labels;
  let prefix = labels[0];
  for (const l of labels) while (!l.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('-') + 1;
  return cut >= 4 ? labels.map((l) => l.slice(cut)) : labels;
}

/** A scatter panel's title: its series, and the bar its dashed line draws. */
function panelTitle(spec: ChartSpec, series: string): string {
  const rule = spec.rules?.find((r) => r.series === series);
  return rule ? `${series} · ${rule.label}` : series;
}

/** One sentence a screen reader says with the chart; the table next to it has every number. */
export function describe(spec: ChartSpec): string {
  const kind = spec.type === 'scatter' ? 'Scatter plot' : spec.type === 'bar' ? 'Bar chart' : 'Line chart';
  const axes = [spec.xLabel && `x: ${spec.xLabel}`, spec.yLabel && `y: ${spec.yLabel}`].filter(Boolean).join(', ');
  const rules = (spec.rules ?? []).map((r) => r.label).join('; ');
  return `${kind} of ${spec.series.map((s) => s.name).join(', ')}${axes ? ` (${axes})` : ''}.${rules ? ` Bars: ${rules}.` : ''} The table below has every value.`;
}
