import type { SandboxContext } from '../context.ts';
import { validation } from '../errors.ts';
import { pageOf, requireEnum, type Input, type Operations } from './util.ts';

/** Searchable kinds: the store kind, and how to describe one record as Search answers it. */
const RESOURCES: Record<string, { kind: string; describe: string; key: (r: { name: string; arn: string }) => Input }> = {
  TrainingJob: { kind: 'training-job', describe: 'DescribeTrainingJob', key: (r) => ({ TrainingJobName: r.name }) },
  Endpoint: { kind: 'endpoint', describe: 'DescribeEndpoint', key: (r) => ({ EndpointName: r.name }) },
  ModelPackage: { kind: 'model-package', describe: 'DescribeModelPackage', key: (r) => ({ ModelPackageName: r.arn }) },
  ModelPackageGroup: { kind: 'model-package-group', describe: 'DescribeModelPackageGroup', key: (r) => ({ ModelPackageGroupName: r.name }) },
  Pipeline: { kind: 'pipeline', describe: 'DescribePipeline', key: (r) => ({ PipelineName: r.name }) },
  PipelineExecution: { kind: 'pipeline-execution', describe: 'DescribePipelineExecution', key: (r) => ({ PipelineExecutionArn: r.arn }) },
};
const ALL_RESOURCES = ['TrainingJob', 'Experiment', 'ExperimentTrial', 'ExperimentTrialComponent', 'Endpoint', 'Model', 'ModelPackage', 'ModelPackageGroup', 'Pipeline', 'PipelineExecution', 'FeatureGroup', 'FeatureMetadata', 'Image', 'ImageVersion', 'Project', 'HyperParameterTuningJob', 'ModelCard', 'PipelineVersion'];
const OPERATORS = ['Equals', 'NotEquals', 'GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo', 'Contains', 'Exists', 'NotExists', 'In'];

interface Filter { Name: string; Operator?: string; Value?: string }
interface Expression { Filters?: Filter[]; SubExpressions?: Expression[]; Operator?: 'And' | 'Or' }

/** A property by its Search name: `EndpointStatus`, `Tags.workshop`, `HyperParameters.epochs`. */
function property(doc: Input, name: string): unknown {
  if (name.startsWith('Tags.')) return (doc.Tags as { Key: string; Value: string }[]).find((t) => t.Key === name.slice(5))?.Value;
  return name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Input)[k] : undefined), doc);
}

function matches(doc: Input, f: Filter): boolean {
  const op = f.Operator ?? 'Equals';
  if (!OPERATORS.includes(op)) throw validation(`1 validation error detected: Value '${op}' at 'searchExpression.filters.1.member.operator' failed to satisfy constraint: Member must satisfy enum value set: [${OPERATORS.join(', ')}]`);
  const v = property(doc, f.Name);
  if (op === 'Exists') return v !== undefined;
  if (op === 'NotExists') return v === undefined;
  if (v === undefined) return false;
  const want = String(f.Value ?? '');
  const num = typeof v === 'number' ? v : Number.NaN;
  // Times compare as dates: a filter value is an ISO date or epoch seconds.
  const wantNum = Number.isFinite(Number(want)) ? Number(want) : Date.parse(want) / 1000;
  const cmp = Number.isFinite(num) && Number.isFinite(wantNum) ? num - wantNum : String(v).localeCompare(want);
  switch (op) {
    case 'Equals': return String(v) === want;
    case 'NotEquals': return String(v) !== want;
    case 'Contains': return String(v).includes(want);
    case 'In': return want.split(',').map((s) => s.trim()).includes(String(v));
    case 'GreaterThan': return cmp > 0;
    case 'GreaterThanOrEqualTo': return cmp >= 0;
    case 'LessThan': return cmp < 0;
    default: return cmp <= 0;
  }
}

function evaluate(doc: Input, e: Expression | undefined): boolean {
  if (!e) return true;
  const parts = [...(e.Filters ?? []).map((f) => matches(doc, f)), ...(e.SubExpressions ?? []).map((s) => evaluate(doc, s))];
  return (e.Operator ?? 'And') === 'Or' ? parts.some(Boolean) : parts.every(Boolean);
}

/** Search: the account's resources of one kind that satisfy a search expression (filters on any property or tag). */
export function searchOps(ctx: SandboxContext, ops: () => Operations): Operations {
  return {
    async Search(input) {
      const resource = requireEnum(input, 'Resource', ALL_RESOURCES);
      if (!resource) throw validation("1 validation error detected: Value null at 'resource' failed to satisfy constraint: Member must not be null");
      const spec = RESOURCES[resource];
      if (!spec) return { Results: [] };
      const order = requireEnum(input, 'SortOrder', ['Ascending', 'Descending']) ?? 'Descending';
      const docs: Input[] = [];
      for (const r of ctx.store.list(spec.kind)) {
        const doc = { ...((await ops()[spec.describe](spec.key(r))) as Input), Tags: Object.entries(ctx.store.tagsOf(r.arn)).map(([Key, Value]) => ({ Key, Value })) };
        if (evaluate(doc, input.SearchExpression as Expression | undefined)) docs.push(doc);
      }
      const sortBy = String(input.SortBy ?? 'CreationTime');
      docs.sort((a, b) => {
        const x = property(a, sortBy) as number | string | undefined;
        const y = property(b, sortBy) as number | string | undefined;
        const c = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
        return order === 'Ascending' ? c : -c;
      });
      const { page, NextToken } = pageOf(docs, input, 10);
      return { Results: page.map((d) => ({ [resource]: d })), NextToken };
    },
  };
}
