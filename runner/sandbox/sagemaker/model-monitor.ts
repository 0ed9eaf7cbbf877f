import { contentJson } from '../content-file.ts';
import { analyzerImageUri as imageOf, type AnalyzerImages, type ConstraintCheckType } from '../../../core/model-monitor.ts';

/**
 * What Model Monitor's prebuilt analyzer (sagemaker-model-monitor-analyzer) computes, in the files it writes:
 * statistics.json and constraints.json for a baseline, constraint_violations.json for a monitoring execution.
 * Layouts: AWS guide, "Schema for Statistics (statistics.json file)", "Schema for Constraints (constraints.json
 * file)" and "Schema for Violations (constraint_violations.json file)" (docs.aws.amazon.com/sagemaker/latest/dg/
 * model-monitor-byoc-statistics.html, model-monitor-byoc-constraints.html, model-monitor-interpreting-violations.html).
 * The container's own algorithms (its KLL sketch, its exact distance) are not public: where the sandbox computes
 * something its own way, the comment says so (unverified).
 */

/** The analyzer image of a region (core/model-monitor.ts builds it, as the labs' library does). */
export const analyzerImageUri = (contentDir: string, region: string): string | undefined =>
  imageOf(contentJson<AnalyzerImages>(contentDir, 'model-monitor-images.json'), region);

/** Whether an image is the analyzer of this region (a tag, if any, is accepted: unverified which tags exist). */
export function isAnalyzerImage(contentDir: string, region: string, image: string): boolean {
  const uri = analyzerImageUri(contentDir, region);
  return !!uri && (image === uri || image.startsWith(`${uri}:`));
}

export type Value = string | number | boolean | null | undefined;
export type Row = Record<string, Value>;

/** The analyzer's inferred types (the schemas above): Integral, Fractional, String (constraints also know Unknown). */
type Inferred = 'Integral' | 'Fractional' | 'String' | 'Unknown';

const present = (v: Value) => v !== null && v !== undefined && v !== '';
const asNumber = (v: Value): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};
const typeOf = (v: Value): Inferred => {
  const n = asNumber(v);
  if (n === undefined) return 'String';
  return Number.isInteger(n) && !(typeof v === 'string' && v.includes('.')) ? 'Integral' : 'Fractional';
};

/** The type a column gets: numeric when every present value is (Integral unless one is fractional), else String. */
function inferType(values: Value[]): Inferred {
  const types = values.filter(present).map(typeOf);
  if (types.length === 0) return 'Unknown';
  if (types.includes('String')) return 'String';
  return types.includes('Fractional') ? 'Fractional' : 'Integral';
}

/**
 * Reads a dataset in the `dataset_format` the SDK's DatasetFormat builds (model_monitor/dataset_format.py):
 * `{"csv": {"header": true, "output_columns_position": "START"}}` or `{"json": {"lines": true}}`. A CSV without a
 * header names its columns `_c0`, `_c1`… (as Spark does; unverified for the container).
 */
export function readDataset(texts: string[], format: unknown): Row[] {
  const f = (format ?? {}) as { csv?: { header?: boolean }; json?: { lines?: boolean } };
  const rows: Row[] = [];
  if (f.csv) {
    for (const text of texts) {
      const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
      const header =
        f.csv.header !== false
          ? lines
              .shift()!
              .split(',')
              .map((h) => h.trim())
          : undefined;
      for (const l of lines) {
        const cells = l.split(',');
        rows.push(Object.fromEntries(cells.map((c, i) => [header?.[i] ?? `_c${i}`, c.trim()])));
      }
    }
    return rows;
  }
  if (f.json) {
    for (const text of texts) {
      const items =
        f.json.lines === false
          ? ([] as unknown[]).concat(JSON.parse(text) as unknown)
          : text
              .split('\n')
              .filter((l) => l.trim())
              .map((l) => JSON.parse(l) as unknown);
      for (const o of items) rows.push(flatten(o));
    }
    return rows;
  }
  throw new Error('dataset_format must name csv or json (DatasetFormat.csv() or DatasetFormat.json()).');
}

/** Nested JSON to flat columns `a.b` (the guide: the container "works only with tabular or flattened JSON structures"). */
export function flatten(o: unknown, prefix = ''): Row {
  if (o === null || typeof o !== 'object' || Array.isArray(o))
    return { [prefix || '_c0']: o === null || typeof o !== 'object' ? (o as Value) : JSON.stringify(o) };
  const out: Row = {};
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v, name));
    else out[name] = Array.isArray(v) ? JSON.stringify(v) : (v as Value);
  }
  return out;
}

export interface FeatureStatistics {
  name: string;
  inferred_type: Inferred;
  numerical_statistics?: {
    common: { num_present: number; num_missing: number };
    mean: number;
    sum: number;
    std_dev: number;
    min: number;
    max: number;
    distribution: {
      kll: {
        buckets: { lower_bound: number; upper_bound: number; count: number }[];
        sketch: { parameters: { c: number; k: number }; data: number[][] };
      };
    };
  };
  string_statistics?: {
    common: { num_present: number; num_missing: number };
    distinct_count: number;
    distribution: { categorical: { buckets: { value: string; count: number }[] } };
  };
}
export interface Statistics {
  version: 0;
  dataset: { item_count: number };
  features: FeatureStatistics[];
}

/** Columns in first-seen order. */
const columnsOf = (rows: Row[]) => [...new Set(rows.flatMap((r) => Object.keys(r)))];

/**
 * statistics.json for a dataset. The distribution has 10 buckets, as the guide says the prebuilt container
 * materialises; the sketch's `data` holds the values themselves (the container keeps a compacted KLL sketch with
 * parameters c and k: the sandbox keeps every value, with the usual KLL defaults c 0.64 and k 2048 — unverified).
 */
export function statisticsOf(rows: Row[]): Statistics {
  const features = columnsOf(rows).map((name): FeatureStatistics => {
    const values = rows.map((r) => r[name]);
    const common = { num_present: values.filter(present).length, num_missing: values.filter((v) => !present(v)).length };
    const type = inferType(values);
    if (type === 'Integral' || type === 'Fractional') {
      const xs = values.map(asNumber).filter((x): x is number => x !== undefined);
      const sum = xs.reduce((a, b) => a + b, 0);
      const mean = xs.length ? sum / xs.length : 0;
      const min = Math.min(...xs);
      const max = Math.max(...xs);
      const width = (max - min) / 10 || 1;
      const buckets = Array.from({ length: 10 }, (_, i) => ({
        lower_bound: min + i * width,
        upper_bound: min + (i + 1) * width,
        count: 0,
      }));
      for (const x of xs) buckets[Math.min(9, Math.floor((x - min) / width))].count += 1;
      return {
        name,
        inferred_type: type,
        numerical_statistics: {
          common,
          mean,
          sum,
          std_dev: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length)),
          min,
          max,
          distribution: { kll: { buckets, sketch: { parameters: { c: 0.64, k: 2048 }, data: [xs] } } },
        },
      };
    }
    const counts = new Map<string, number>();
    for (const v of values.filter(present)) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    return {
      name,
      inferred_type: type === 'Unknown' ? 'String' : type,
      string_statistics: {
        common,
        distinct_count: counts.size,
        distribution: { categorical: { buckets: [...counts].map(([value, count]) => ({ value, count })) } },
      },
    };
  });
  return { version: 0, dataset: { item_count: rows.length }, features };
}

export interface Constraints {
  version: 0;
  features: {
    name: string;
    inferred_type: Inferred;
    completeness: number;
    num_constraints?: { is_non_negative: boolean };
    string_constraints?: { domains: string[] };
  }[];
  monitoring_config: {
    evaluate_constraints: 'Enabled' | 'Disabled';
    emit_metrics: 'Enabled' | 'Disabled';
    datatype_check_threshold: number;
    domain_content_threshold: number;
    distribution_constraints: {
      perform_comparison: 'Enabled' | 'Disabled';
      comparison_threshold: number;
      comparison_method: 'Simple' | 'Robust';
    };
  };
}

/**
 * constraints.json suggested from a baseline's statistics: each feature's type, completeness, non-negativity and, for
 * a string of small cardinality, its observed values ("domains"). The monitoring_config values are the guide's
 * example ones (thresholds 0.1, drift comparison Robust); what the container suggests for them is unverified.
 */
export function suggestConstraints(stats: Statistics): Constraints {
  return {
    version: 0,
    features: stats.features.map((f) => {
      const common = (f.numerical_statistics ?? f.string_statistics)!.common;
      const completeness = common.num_present / Math.max(1, common.num_present + common.num_missing);
      if (f.numerical_statistics)
        return {
          name: f.name,
          inferred_type: f.inferred_type,
          completeness,
          num_constraints: { is_non_negative: f.numerical_statistics.min >= 0 },
        };
      const domains = f.string_statistics!.distribution.categorical.buckets.map((b) => b.value);
      // "list of observed values for small cardinality": the cut-off (20 here) is unverified.
      return {
        name: f.name,
        inferred_type: f.inferred_type,
        completeness,
        ...(domains.length <= 20 ? { string_constraints: { domains } } : {}),
      };
    }),
    monitoring_config: {
      evaluate_constraints: 'Enabled',
      emit_metrics: 'Enabled',
      datatype_check_threshold: 0.1,
      domain_content_threshold: 0.1,
      distribution_constraints: { perform_comparison: 'Enabled', comparison_threshold: 0.1, comparison_method: 'Robust' },
    },
  };
}

export interface Violation {
  feature_name: string;
  constraint_check_type: ConstraintCheckType;
  description: string;
}

/** The largest gap between two empirical distribution functions (the sandbox's drift distance: unverified for the container). */
function distance(a: number[], b: number[]): number {
  if (!a.length || !b.length) return 0;
  const xs = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const cdf = (s: number[], x: number) => s.filter((v) => v <= x).length / s.length;
  return Math.max(...xs.map((x) => Math.abs(cdf(a, x) - cdf(b, x))));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The violations of a current dataset against a baseline's constraints (and its statistics, for drift) — only the six
 * check types of the "Schema for Violations", each flagged when the guide says it is. Descriptions are the sandbox's
 * words (the container's exact wording is unverified).
 */
export function violationsOf(rows: Row[], constraints: Constraints, baseline?: Statistics): Violation[] {
  const current = statisticsOf(rows);
  const out: Violation[] = [];
  const cfg = constraints.monitoring_config ?? suggestConstraints(current).monitoring_config;
  if (cfg.evaluate_constraints === 'Disabled') return out;
  const byName = new Map(current.features.map((f) => [f.name, f]));
  const known = new Set(constraints.features.map((f) => f.name));
  for (const c of constraints.features) {
    const f = byName.get(c.name);
    if (!f) {
      out.push({
        feature_name: c.name,
        constraint_check_type: 'missing_column_check',
        description: `There are missing columns in the current dataset: ${c.name} is in the baseline constraints and not in the data.`,
      });
      continue;
    }
    const values = rows.map((r) => r[c.name]).filter(present);
    // data_type_check: the share of values of another type than the baseline's exceeds datatype_check_threshold.
    if (c.inferred_type === 'Integral' || c.inferred_type === 'Fractional') {
      const matching =
        values.filter((v) => {
          const t = typeOf(v);
          return t === c.inferred_type || (c.inferred_type === 'Fractional' && t === 'Integral');
        }).length / Math.max(1, values.length);
      if (1 - matching > cfg.datatype_check_threshold)
        out.push({
          feature_name: c.name,
          constraint_check_type: 'data_type_check',
          description: `Data type match requirement is not met. Expected data type: ${c.inferred_type}; only ${pct(matching)} of the values are.`,
        });
    }
    // completeness_check: fewer non-null values than the baseline's completeness.
    const completeness = values.length / Math.max(1, rows.length);
    if (completeness < c.completeness)
      out.push({
        feature_name: c.name,
        constraint_check_type: 'completeness_check',
        description: `Data completeness requirement is not met. Expected completeness: ${pct(c.completeness)}; observed: ${pct(completeness)}.`,
      });
    // baseline_drift_check: the distance between the baseline's and this dataset's distributions exceeds comparison_threshold.
    const base = baseline?.features.find((b) => b.name === c.name)?.numerical_statistics?.distribution.kll.sketch.data.flat();
    if (cfg.distribution_constraints?.perform_comparison !== 'Disabled' && base && f.numerical_statistics) {
      const d = distance(base, f.numerical_statistics.distribution.kll.sketch.data.flat());
      if (d > cfg.distribution_constraints.comparison_threshold)
        out.push({
          feature_name: c.name,
          constraint_check_type: 'baseline_drift_check',
          description: `Baseline drift distance: ${d.toFixed(3)} exceeds threshold: ${cfg.distribution_constraints.comparison_threshold}.`,
        });
    }
    // categorical_values_check: the share of values outside the baseline's domains exceeds domain_content_threshold.
    if (c.string_constraints?.domains.length) {
      const unknown = values.filter((v) => !c.string_constraints!.domains.includes(String(v))).length / Math.max(1, values.length);
      if (unknown > cfg.domain_content_threshold)
        out.push({
          feature_name: c.name,
          constraint_check_type: 'categorical_values_check',
          description: `${pct(unknown)} of the values are not in the baseline's domain.`,
        });
    }
  }
  for (const f of current.features) {
    if (!known.has(f.name))
      out.push({
        feature_name: f.name,
        constraint_check_type: 'extra_column_check',
        description: `There are extra columns in the current dataset: ${f.name} is not in the baseline constraints.`,
      });
  }
  return out;
}
