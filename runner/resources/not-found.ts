/**
 * Whether an AWS error says "this resource does not exist", in any of the services' words: SageMaker's
 * ResourceNotFound (or ValidationException "Could not find endpoint …"), S3's NoSuchBucket / NotFound (HeadBucket),
 * IAM's NoSuchEntity, Cognito's and CloudWatch Logs' ResourceNotFoundException. One classifier for the cleanup
 * engine, the resource kinds and the kernel's progress watch, so that all three agree on what is gone.
 * Self-contained on purpose: the kernel's bundle includes it (runner/kernel/kernel.ts hashes it with the child).
 */
const NOT_FOUND = new Set([
  'ResourceNotFound',
  'ResourceNotFoundException',
  'NoSuchBucket',
  'NotFound',
  'NoSuchEntityException',
  'NoSuchEntity',
]);

export function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; message?: string } | undefined;
  return NOT_FOUND.has(err?.name ?? '') || /could not find|does not exist|not found/i.test(err?.message ?? '');
}
