import type { SandboxContext } from '../context.ts';
import { invalidMember, validation } from '../errors.ts';
import { pageOf, requireEnum, type Input, type Operations } from './util.ts';

/**
 * Searchable kinds: the store kind, the Describe call whose answer is the searched document, and how a record
 * wraps it (`Model` results are `ModelDashboardModel`s: the model sits under `Model`).
 */
interface Searchable { kind: string; describe: string; key: (r: { name: string; arn: string }) => Input; wrap?: (doc: Input) => Input }
const RESOURCES: Record<string, Searchable> = {
  TrainingJob: { kind: 'training-job', describe: 'DescribeTrainingJob', key: (r) => ({ TrainingJobName: r.name }) },
  Endpoint: { kind: 'endpoint', describe: 'DescribeEndpoint', key: (r) => ({ EndpointName: r.name }) },
  Model: { kind: 'model', describe: 'DescribeModel', key: (r) => ({ ModelName: r.name }), wrap: (doc) => ({ Model: doc }) },
  ModelPackage: { kind: 'model-package', describe: 'DescribeModelPackage', key: (r) => ({ ModelPackageName: r.arn }) },
  ModelPackageGroup: { kind: 'model-package-group', describe: 'DescribeModelPackageGroup', key: (r) => ({ ModelPackageGroupName: r.name }) },
  Pipeline: { kind: 'pipeline', describe: 'DescribePipeline', key: (r) => ({ PipelineName: r.name }) },
  PipelineExecution: { kind: 'pipeline-execution', describe: 'DescribePipelineExecution', key: (r) => ({ PipelineExecutionArn: r.arn }) },
};
const ALL_RESOURCES = ['TrainingJob', 'Experiment', 'ExperimentTrial', 'ExperimentTrialComponent', 'Endpoint', 'Model', 'ModelPackage', 'ModelPackageGroup', 'Pipeline', 'PipelineExecution', 'FeatureGroup', 'FeatureMetadata', 'Image', 'ImageVersion', 'Project', 'HyperParameterTuningJob', 'ModelCard', 'PipelineVersion'];
const OPERATORS = ['Equals', 'NotEquals', 'GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo', 'Contains', 'Exists', 'NotExists', 'In'];
const ORDERED = ['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo'];
/** Document members that are timestamps (epoch seconds on the wire); a filter compares them with an ISO 8601 date-time. */
const TIME = /(Time|Date)$/;

interface Filter { Name: string; Operator?: string; Value?: string }
interface Expression { Filters?: Filter[]; SubExpressions?: Expression[]; Operator?: 'And' | 'Or' }

/**
 * The values a Search property name reaches in a document: `Tags.workshop`, `Metrics.train_loss` (a training job's
 * final metrics), `HyperParameters.epochs`, and dotted paths that step through lists (`ProductionVariants.VariantName`).
 */
function values(doc: Input, name: string): unknown[] {
  if (name.startsWith('Tags.')) return ((doc.Tags ?? []) as { Key: string; Value: string }[]).filter((t) => t.Key === name.slice(5)).map((t) => t.Value);
  if (name.startsWith('Metrics.')) return ((doc.FinalMetricDataList ?? []) as { MetricName: string; Value: number }[]).filter((m) => m.MetricName === name.slice(8)).map((m) => m.Value);
  let at: unknown[] = [doc];
  for (const k of name.split('.')) {
    at = at.flatMap((o) => (Array.isArray(o) ? o : [o])).map((o) => (o && typeof o === 'object' ? (o as Input)[k] : undefined)).filter((v) => v !== undefined);
  }
  return at.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));
/** `YYYY-mm-dd'T'HH:MM:SS` is UTC when it carries no zone. */
const isoSeconds = (s: string) => Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`) / 1000;

function matches(doc: Input, f: Filter, at: number): boolean {
  const op = f.Operator ?? 'Equals';
  if (!OPERATORS.includes(op)) throw invalidMember(`searchExpression.filters.${at}.member.operator`, `Member must satisfy enum value set: [${OPERATORS.join(', ')}]`, { value: op });
  const found = values(doc, f.Name);
  if (op === 'Exists') return found.length > 0;
  if (op === 'NotExists') return found.length === 0;
  const want = String(f.Value ?? '');
  if (ORDERED.includes(op)) {
    const time = TIME.test(f.Name) && !isNumber(want);
    const target = time ? isoSeconds(want) : Number(want);
    if (!time && !isNumber(want)) throw validation(`The ${op} operator is not supported for text property ${f.Name}.`);
    if (!Number.isFinite(target)) throw validation(`Value '${want}' for ${f.Name} must be an ISO 8601 date-time (YYYY-mm-dd'T'HH:MM:SS).`);
    return found.some((v) => {
      // Hyperparameters are strings that compare as numbers when the filter's value is a number.
      const n = typeof v === 'number' ? v : isNumber(String(v)) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) return false;
      return op === 'GreaterThan' ? n > target : op === 'GreaterThanOrEqualTo' ? n >= target : op === 'LessThan' ? n < target : n <= target;
    });
  }
  const text = found.map(String);
  switch (op) {
    case 'Equals': return TIME.test(f.Name) && !isNumber(want) ? found.some((v) => v === isoSeconds(want)) : text.includes(want);
    case 'NotEquals': return text.length > 0 && !text.includes(want);
    case 'Contains': return text.some((v) => v.includes(want));
    default: return want.split(',').map((s) => s.trim()).some((w) => text.includes(w));
  }
}

function evaluate(doc: Input, e: Expression | undefined): boolean {
  if (!e) return true;
  const parts = [...(e.Filters ?? []).map((f, i) => matches(doc, f, i + 1)), ...(e.SubExpressions ?? []).map((s) => evaluate(doc, s))];
  return (e.Operator ?? 'And') === 'Or' ? parts.some(Boolean) : parts.every(Boolean);
}

const containsCount = (e: Expression | undefined): number =>
  !e ? 0 : (e.Filters ?? []).filter((f) => f.Operator === 'Contains').length + (e.SubExpressions ?? []).reduce((n, s) => n + containsCount(s), 0);

/** Search: the account's resources of one kind that satisfy a search expression (filters on any property or tag). */
export function searchOps(ctx: SandboxContext, ops: () => Operations): Operations {
  return {
    async Search(input) {
      const resource = requireEnum(input, 'Resource', ALL_RESOURCES);
      if (!resource) throw invalidMember('resource', 'Member must not be null', null);
      const expression = input.SearchExpression as Expression | undefined;
      // Documented in the API reference (Filter.Operator): one Contains per expression outside experiments.
      if (containsCount(expression) > 1) throw validation("'CONTAINS' operator usage limit of 1 exceeded.");
      const spec = RESOURCES[resource];
      if (!spec) return { Results: [] };
      const order = requireEnum(input, 'SortOrder', ['Ascending', 'Descending']) ?? 'Descending';
      const docs: Input[] = [];
      for (const r of ctx.store.list(spec.kind)) {
        const doc = { ...((await ops()[spec.describe](spec.key(r))) as Input), Tags: Object.entries(ctx.store.tagsOf(r.arn)).map(([Key, Value]) => ({ Key, Value })) };
        if (evaluate(doc, expression)) docs.push(doc);
      }
      // The default sort is LastModifiedTime (API reference: SearchRequest.SortBy); kinds without it sort by CreationTime.
      const sortBy = String(input.SortBy ?? 'LastModifiedTime');
      const key = (d: Input) => (values(d, sortBy)[0] ?? (sortBy === 'LastModifiedTime' ? d.CreationTime : undefined)) as number | string | undefined;
      docs.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const c = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
        return order === 'Ascending' ? c : -c;
      });
      const { page, NextToken } = pageOf(docs, input, 10);
      return { Results: page.map((d) => ({ [resource]: spec.wrap ? spec.wrap(d) : d })), NextToken };
    },
  };
}
