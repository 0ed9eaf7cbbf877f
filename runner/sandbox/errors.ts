/** An AWS error as a service answers it: the protocol layer renders it in JSON or XML. */
export class AwsError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400, readonly extra: Record<string, string> = {}) {
    super(message);
    this.name = code;
  }
}

export const validation = (message: string) => new AwsError('ValidationException', message);
export const notFound = (message: string) => new AwsError('ResourceNotFound', message);
export const inUse = (message: string) => new AwsError('ResourceInUse', message);
export const limitExceeded = (message: string) => new AwsError('ResourceLimitExceeded', message);
export const throttled = () => new AwsError('ThrottlingException', 'Rate exceeded', 400);
export const conflict = (message: string) => new AwsError('ConflictException', message);
