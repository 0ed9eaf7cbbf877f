/** An AWS error as a service answers it: the protocol layer renders it in JSON or XML. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * The value part of AWS's constraint sentence: `null` for a missing member ("Value null at…"), `hidden` where AWS
 * leaves the value out ("Value at 'tags' failed…", as it does for maps, lists and long strings), else the value.
 */
export type ShownValue = null | 'hidden' | { value: unknown };

/**
 * AWS's sentence for one member that fails its model's constraint, e.g. "1 validation error detected: Value 'x' at
 * 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern: …". The member path
 * is the wire name with a lower-case first letter and `.N.member.` for list items, as the services print it.
 * One place for the sentence: each service wraps it in its own error code (ValidationException, ValidationError,
 * InvalidParameterException).
 */
export function constraintMessage(at: string, constraint: string, shown: ShownValue): string {
  return constraintsMessage([{ at, constraint, shown }]);
}

/** One member that fails its model's constraint: where, which constraint, and how AWS shows the value. */
export interface ConstraintFailure {
  at: string;
  constraint: string;
  shown: ShownValue;
}

/**
 * The sentence for several members at once, as the services join them: "2 validation errors detected: Value null at
 * 'a' failed to satisfy constraint: …; Value null at 'b' failed to satisfy constraint: …".
 */
export function constraintsMessage(failures: readonly ConstraintFailure[]): string {
  const n = failures.length;
  const each = failures.map(({ at, constraint, shown }) => {
    const value = shown === null ? 'Value null' : shown === 'hidden' ? 'Value' : `Value '${String(shown.value)}'`;
    return `${value} at '${at}' failed to satisfy constraint: ${constraint}`;
  });
  return `${n} validation error${n > 1 ? 's' : ''} detected: ${each.join('; ')}`;
}

/** The member path as AWS prints it: `TrainingJobName` → `trainingJobName`. */
export const memberPath = (field: string) => field.charAt(0).toLowerCase() + field.slice(1);

/**
 * SageMaker's error codes, named as the SDK's exceptions are: ConflictException, ResourceInUse, ResourceLimitExceeded
 * and ResourceNotFound are the exception shapes of botocore's sagemaker 2017-07-24 service-2.json; ValidationException
 * and ThrottlingException are not modelled there, they are the common errors of every awsJson service (the SDK
 * raises them by the `__type` the service answers).
 */
export const validation = (message: string) => new AwsError('ValidationException', message);
/** SageMaker's ValidationException for one member that fails its constraint. */
export const invalidMember = (at: string, constraint: string, shown: ShownValue) => validation(constraintMessage(at, constraint, shown));
export const notFound = (message: string) => new AwsError('ResourceNotFound', message);
export const inUse = (message: string) => new AwsError('ResourceInUse', message);
export const limitExceeded = (message: string) => new AwsError('ResourceLimitExceeded', message);
export const throttled = () => new AwsError('ThrottlingException', 'Rate exceeded', 400);
export const conflict = (message: string) => new AwsError('ConflictException', message);
