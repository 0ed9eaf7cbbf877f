import { AwsError } from './errors.ts';
import { mulberry32 } from './random.ts';

/** Failures a real account produces, injected on purpose: tests of the labs and of cleanup need them. */
export interface FaultSpec {
  /** Probability that any control-plane call is throttled. */
  throttle?: number;
  /** Probability that an endpoint creation fails for lack of capacity. */
  capacity?: number;
  /** Probability that a job fails. */
  failJobs?: number;
  /** One-shot failures of named operations, consumed in order. */
  once?: { op: string; error: string; message?: string }[];
  seed?: number;
}

export function parseFaults(spec: string): FaultSpec {
  const out: FaultSpec = {};
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=');
    const p = Number(value);
    if (!(p >= 0 && p <= 1) && key !== 'seed') throw new Error(`--faults: ${key} needs a probability between 0 and 1, got "${value}"`);
    if (key === 'throttle') out.throttle = p;
    else if (key === 'capacity') out.capacity = p;
    else if (key === 'fail-jobs') out.failJobs = p;
    else if (key === 'seed') out.seed = Number(value);
    else throw new Error(`--faults: unknown fault "${key}" (throttle, capacity, fail-jobs, seed)`);
  }
  return out;
}

/** Seeded, so a test with faults fails the same way every run. */
export class Faults {
  private spec: FaultSpec = {};
  private random: () => number = mulberry32(1);

  constructor(spec?: FaultSpec) {
    this.set(spec ?? {});
  }

  set(spec: FaultSpec): void {
    this.spec = { ...spec, once: [...(spec.once ?? [])] };
    this.random = mulberry32(spec.seed ?? 1);
  }

  /** Throws the injected error for this operation, if any. */
  beforeCall(op: string): void {
    const i = this.spec.once?.findIndex((f) => f.op === op) ?? -1;
    if (i >= 0) {
      const [f] = this.spec.once!.splice(i, 1);
      throw new AwsError(
        f.error,
        f.message ?? (f.error === 'ThrottlingException' ? 'Rate exceeded' : `Injected ${f.error}`),
        f.error === 'InternalFailure' ? 500 : 400,
      );
    }
    if (this.spec.throttle && this.random() < this.spec.throttle) throw new AwsError('ThrottlingException', 'Rate exceeded', 400);
  }

  capacityFailure(): boolean {
    return !!this.spec.capacity && this.random() < this.spec.capacity;
  }

  jobFailure(): boolean {
    return !!this.spec.failJobs && this.random() < this.spec.failJobs;
  }
}
