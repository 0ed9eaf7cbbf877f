import { describe, expect, it } from 'vitest';
import { isNotFound } from '../../runner/resources/not-found.ts';

const error = (name: string, message: string) => Object.assign(new Error(message), { name });

// One classifier for the cleanup engine, the resource kinds and the kernel's progress watch.
describe('is this AWS error a "not found"', () => {
  it.each([
    ['SageMaker, a missing endpoint', error('ValidationException', 'Could not find endpoint "naxt-x".')],
    ['SageMaker, a missing job', error('ResourceNotFound', 'Requested resource not found.')],
    ['S3, DeleteBucket on a missing bucket', error('NoSuchBucket', 'The specified bucket does not exist')],
    ['S3, HeadBucket on a missing bucket', error('NotFound', 'UnknownError')],
    ['IAM, a missing role', error('NoSuchEntityException', 'The role with name naxt-x cannot be found.')],
    ['Cognito or CloudWatch Logs', error('ResourceNotFoundException', 'User pool us-east-1_x does not exist.')],
  ])('recognizes %s', (_what, e) => {
    expect(isNotFound(e)).toBe(true);
  });

  it.each([
    ['throttling', error('ThrottlingException', 'Rate exceeded')],
    ['a refused permission', error('AccessDeniedException', 'User is not authorized to perform sagemaker:DescribeEndpoint')],
    ['another validation error', error('ValidationException', 'Endpoint naxt-x is in Creating status.')],
    ['something that is not an error', undefined],
  ])('does not take %s for a resource that is gone', (_what, e) => {
    expect(isNotFound(e)).toBe(false);
  });
});
