import type { SandboxContext } from '../context.ts';
import { invalidMember, validation } from '../errors.ts';
import type { SearchExpression, SearchRecord } from '@aws-sdk/client-sagemaker';
import type { ResourceRecord } from '../store.ts';
import { invoke, pageOf, requireEnum, typedOps, type Input, type OpName, type OpOutput, type Operations, type Wire } from './util.ts';

type Tag = { Key: string; Value: string };
/** A searched resource: its Describe answer with its tags (the document filters read), and the SearchRecord that carries it. */
interface Found {
  doc: Input;
  record: Wire<SearchRecord>;
}
/**
 * A searchable kind: the store kind, and how a record is found — the Describe call whose answer is the searched
 * document, and how the SearchRecord wraps it (`Model` results are `ModelDashboardModel`s: the model sits under `Model`).
 */
interface Searchable {
  kind: string;
  find: (ops: Operations, r: ResourceRecord, Tags: Tag[]) => Promise<Found>;
}
function searchable<N extends OpName>(
  kind: string,
  describe: N,
  key: (r: ResourceRecord) => Input,
  record: (doc: OpOutput<N> & { Tags: Tag[] }) => Wire<SearchRecord>,
): Searchable {
  return {
    kind,
    async find(ops, r, Tags) {
      const described = Object.assign({}, await invoke(ops, describe, key(r)), { Tags });
      // The same members, read by property path (`values`) rather than by type.
      return { doc: Object.fromEntries(Object.entries(described)), record: record(described) };
    },
  };
}
const RESOURCES: Record<string, Searchable> = {
  TrainingJob: searchable(
    'training-job',
    'DescribeTrainingJob',
    (r) => ({ TrainingJobName: r.name }),
    (TrainingJob) => ({ TrainingJob }),
  ),
  Endpoint: searchable(
    'endpoint',
    'DescribeEndpoint',
    (r) => ({ EndpointName: r.name }),
    (d) => ({ Endpoint: { ...d, EndpointConfigName: d.EndpointConfigName } }),
  ),
  Model: searchable(
    'model',
    'DescribeModel',
    (r) => ({ ModelName: r.name }),
    (Model) => ({ Model: { Model } }),
  ),
  ModelPackage: searchable(
    'model-package',
    'DescribeModelPackage',
    (r) => ({ ModelPackageName: r.arn }),
    (ModelPackage) => ({ ModelPackage }),
  ),
  ModelPackageGroup: searchable(
    'model-package-group',
    'DescribeModelPackageGroup',
    (r) => ({ ModelPackageGroupName: r.name }),
    (ModelPackageGroup) => ({ ModelPackageGroup }),
  ),
  Pipeline: searchable(
    'pipeline',
    'DescribePipeline',
    (r) => ({ PipelineName: r.name }),
    (Pipeline) => ({ Pipeline }),
  ),
  PipelineExecution: searchable(
    'pipeline-execution',
    'DescribePipelineExecution',
    (r) => ({ PipelineExecutionArn: r.arn }),
    (PipelineExecution) => ({ PipelineExecution }),
  ),
};
const ALL_RESOURCES = [
  'TrainingJob',
  'Experiment',
  'ExperimentTrial',
  'ExperimentTrialComponent',
  'Endpoint',
  'Model',
  'ModelPackage',
  'ModelPackageGroup',
  'Pipeline',
  'PipelineExecution',
  'FeatureGroup',
  'FeatureMetadata',
  'Image',
  'ImageVersion',
  'Project',
  'HyperParameterTuningJob',
  'ModelCard',
  'PipelineVersion',
];
const OPERATORS = [
  'Equals',
  'NotEquals',
  'GreaterThan',
  'GreaterThanOrEqualTo',
  'LessThan',
  'LessThanOrEqualTo',
  'Contains',
  'Exists',
  'NotExists',
  'In',
];
const ORDERED = ['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo'];
/** Document members that are timestamps (epoch seconds on the wire); a filter compares them with an ISO 8601 date-time. */
const TIME = /(Time|Date)$/;

type Expression = Wire<SearchExpression>;
type Filter = NonNullable<Expression['Filters']>[number];

/**
 * The values a Search property name reaches in a document: `Tags.workshop`, `Metrics.train_loss` (a training job's
 * final metrics), `HyperParameters.epochs`, and dotted paths that step through lists (`ProductionVariants.VariantName`).
 */
function values(doc: Input, name: string): unknown[] {
  if (name.startsWith('Tags.'))
    return ((doc.Tags ?? []) as { Key: string; Value: string }[]).filter((t) => t.Key === name.slice(5)).map((t) => t.Value);
  if (name.startsWith('Metrics.'))
    return ((doc.FinalMetricDataList ?? []) as { MetricName: string; Value: number }[])
      .filter((m) => m.MetricName === name.slice(8))
      .map((m) => m.Value);
  let at: unknown[] = [doc];
  for (const k of name.split('.')) {
    at = at
      .flatMap((o) => (Array.isArray(o) ? o : [o]))
      .map((o) => (o && typeof o === 'object' ? (o as Input)[k] : undefined))
      .filter((v) => v !== undefined);
  }
  return at.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));
/** `YYYY-mm-dd'T'HH:MM:SS` is UTC when it carries no zone. */
const isoSeconds = (s: string) => Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`) / 1000;

function matches(doc: Input, f: Filter, at: number): boolean {
  const op = f.Operator ?? 'Equals';
  if (!OPERATORS.includes(op))
    throw invalidMember(`searchExpression.filters.${at}.member.operator`, `Member must satisfy enum value set: [${OPERATORS.join(', ')}]`, {
      value: op,
    });
  // The edge has checked that a filter has its required Name (edge.ts).
  const name = f.Name ?? '';
  const found = values(doc, name);
  if (op === 'Exists') return found.length > 0;
  if (op === 'NotExists') return found.length === 0;
  const want = String(f.Value ?? '');
  if (ORDERED.includes(op)) {
    const time = TIME.test(name) && !isNumber(want);
    const target = time ? isoSeconds(want) : Number(want);
    if (!time && !isNumber(want)) throw validation(`The ${op} operator is not supported for text property ${name}.`);
    if (!Number.isFinite(target)) throw validation(`Value '${want}' for ${name} must be an ISO 8601 date-time (YYYY-mm-dd'T'HH:MM:SS).`);
    return found.some((v) => {
      // Hyperparameters are strings that compare as numbers when the filter's value is a number.
      const n = typeof v === 'number' ? v : isNumber(String(v)) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) return false;
      return op === 'GreaterThan' ? n > target : op === 'GreaterThanOrEqualTo' ? n >= target : op === 'LessThan' ? n < target : n <= target;
    });
  }
  const text = found.map(String);
  switch (op) {
    case 'Equals':
      return TIME.test(name) && !isNumber(want) ? found.some((v) => v === isoSeconds(want)) : text.includes(want);
    case 'NotEquals':
      return text.length > 0 && !text.includes(want);
    case 'Contains':
      return text.some((v) => v.includes(want));
    default:
      return want
        .split(',')
        .map((s) => s.trim())
        .some((w) => text.includes(w));
  }
}

function evaluate(doc: Input, e: Expression | undefined): boolean {
  if (!e) return true;
  const parts = [...(e.Filters ?? []).map((f, i) => matches(doc, f, i + 1)), ...(e.SubExpressions ?? []).map((s) => evaluate(doc, s))];
  return (e.Operator ?? 'And') === 'Or' ? parts.some(Boolean) : parts.every(Boolean);
}

const containsCount = (e: Expression | undefined): number =>
  !e
    ? 0
    : (e.Filters ?? []).filter((f) => f.Operator === 'Contains').length +
      (e.SubExpressions ?? []).reduce((n, s) => n + containsCount(s), 0);

/** Search: the account's resources of one kind that satisfy a search expression (filters on any property or tag). */
export function searchOps(ctx: SandboxContext, ops: () => Operations): Operations {
  return typedOps({
    async Search(input) {
      const resource = requireEnum(input, 'Resource', ALL_RESOURCES);
      if (!resource) throw invalidMember('resource', 'Member must not be null', null);
      const expression = input.SearchExpression;
      // Documented in the API reference (Filter.Operator): one Contains per expression outside experiments.
      if (containsCount(expression) > 1) throw validation("'CONTAINS' operator usage limit of 1 exceeded.");
      const spec = RESOURCES[resource];
      if (!spec) return { Results: [] };
      const order = requireEnum(input, 'SortOrder', ['Ascending', 'Descending']) ?? 'Descending';
      const docs: Found[] = [];
      for (const r of ctx.store.list(spec.kind)) {
        const found = await spec.find(
          ops(),
          r,
          Object.entries(ctx.store.tagsOf(r.arn)).map(([Key, Value]) => ({ Key, Value })),
        );
        if (evaluate(found.doc, expression)) docs.push(found);
      }
      // The default sort is LastModifiedTime (API reference: SearchRequest.SortBy); kinds without it sort by CreationTime.
      const sortBy = String(input.SortBy ?? 'LastModifiedTime');
      const key = (d: Input) =>
        (values(d, sortBy)[0] ?? (sortBy === 'LastModifiedTime' ? d.CreationTime : undefined)) as number | string | undefined;
      docs.sort((a, b) => {
        const x = key(a.doc);
        const y = key(b.doc);
        const c = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
        return order === 'Ascending' ? c : -c;
      });
      const { page, NextToken } = pageOf(docs, input, 10);
      return { Results: page.map((d) => d.record), NextToken };
    },
  });
}
