import { describe, expect, it } from 'vitest';
import { typedOps, type OpOutput } from '../../runner/sandbox/sagemaker/util.ts';

describe('SageMaker operations typed with the SDK', () => {
  it('answer the SDK output shape with epoch-second dates, and refuse a misspelled member at compile time', async () => {
    const ops = typedOps({
      DescribeEndpoint: (input) => ({
        EndpointName: input.EndpointName,
        EndpointArn: `arn:aws:sagemaker:us-east-1:111122223333:endpoint/${String(input.EndpointName).toLowerCase()}`,
        EndpointStatus: 'InService',
        CreationTime: 1_700_000_000,
        LastModifiedTime: 1_700_000_000,
      }),
    });
    expect(await ops.DescribeEndpoint({ EndpointName: 'Chat' })).toMatchObject({
      EndpointArn: expect.stringMatching(/endpoint\/chat$/),
      CreationTime: 1_700_000_000,
    });
    const wrongEnum: OpOutput<'DescribeEndpoint'> = {
      EndpointName: 'a',
      EndpointArn: 'b',
      // @ts-expect-error EndpointStatus has no value 'Ready' in the SDK's enum.
      EndpointStatus: 'Ready',
      CreationTime: 1,
      LastModifiedTime: 1,
    };
    const wrongDate: OpOutput<'DescribeEndpoint'> = {
      EndpointName: 'a',
      EndpointArn: 'b',
      EndpointStatus: 'InService',
      // @ts-expect-error a Date is not what the JSON wire carries.
      CreationTime: new Date(),
      LastModifiedTime: 1,
    };
    const misspelled: OpOutput<'DescribeEndpoint'> = {
      // @ts-expect-error EndpointNme is not a member.
      EndpointNme: 'a',
      EndpointArn: 'b',
      EndpointStatus: 'InService',
      CreationTime: 1,
      LastModifiedTime: 1,
    };
    const table = typedOps({
      // @ts-expect-error a handler that answers a member DescribeModelPackage does not have.
      DescribeModelPackage: () => ({
        ModelPackageName: 'p',
        ModelPackageArn: 'a',
        CreationTime: 1,
        ModelPackageStatus: 'Completed',
        ModelPackageStatusDetails: { ValidationStatuses: [] },
        OriginalCreationTime: 1,
      }),
    });
    expect([wrongEnum, wrongDate, misspelled, table]).toHaveLength(4);
  });
});
