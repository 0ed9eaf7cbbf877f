/**
 * The AWS service models botocore ships (`botocore/data/<service>/<api-version>/service-2.json[.gz]`): the
 * same Smithy-derived models the AWS SDKs are generated from. Only tests use them; the product never reads them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface Member {
  shape: string;
  location?: 'uri' | 'header' | 'headers' | 'querystring' | 'statusCode';
  locationName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  queryName?: string;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob' | 'double' | 'float';
  members?: Record<string, Member>;
  required?: string[];
  member?: Member;
  key?: Member;
  value?: Member;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  flattened?: boolean;
  union?: boolean;
  document?: boolean;
  payload?: string;
  locationName?: string;
  exception?: boolean;
  timestampFormat?: string;
  streaming?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string; locationName?: string };
  output?: { shape: string; resultWrapper?: string };
}

export interface ServiceModel {
  service: string;
  version: string;
  metadata: { protocol: string; targetPrefix?: string; jsonVersion?: string; endpointPrefix: string; protocols?: string[] };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

let root: string | undefined;

/** botocore's data directory on this machine, or an error that says how to get it. */
export function botocoreData(): string {
  if (root) return root;
  let dir: string;
  try {
    dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (e) {
    throw new Error(
      `The AWS service models come from botocore, and python3 cannot import it (${(e as Error).message.split('\n')[0]}). ` +
        'Install it: `apt-get install -y python3-botocore` (Debian) or `pip install botocore`.',
    );
  }
  root = join(dir, 'data');
  if (!existsSync(root)) throw new Error(`botocore at ${dir} has no data directory with the service models.`);
  return root;
}

const cache = new Map<string, ServiceModel>();

/** The newest API version of a service's model (`sagemaker`, `sagemaker-runtime`, `s3`, `sts`, `iam`…). */
export function serviceModel(service: string): ServiceModel {
  const hit = cache.get(service);
  if (hit) return hit;
  const base = join(botocoreData(), service);
  if (!existsSync(base)) throw new Error(`botocore has no model for ${service} (${base}).`);
  const version = readdirSync(base)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort()
    .at(-1);
  if (!version) throw new Error(`botocore has no API version of ${service}.`);
  const plain = join(base, version, 'service-2.json');
  const text = existsSync(plain) ? readFileSync(plain, 'utf8') : gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8');
  const model = { service, version, ...(JSON.parse(text) as Omit<ServiceModel, 'service' | 'version'>) };
  cache.set(service, model);
  return model;
}
