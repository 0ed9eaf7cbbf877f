import {
  IAMClient,
  GetRoleCommand,
  CreateRoleCommand,
  AttachRolePolicyCommand,
  PutRolePolicyCommand,
  type Role,
} from '@aws-sdk/client-iam';
import { sharedTags } from '@naxt/workshop/tags';

const iam = new IAMClient({});
const roleName = workshop.roleArn.split('/').pop()!;
// SageMaker assumes this role to pull model images, write logs and read the workshop bucket.
// One role serves every session of the account: it is tagged as the workshop's (workshop-shared=account), not as
// this session's, so that one learner's cleanup does not delete it under the others.
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

let role: Role | undefined;
try {
  role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  console.log(`Found ${role?.Arn}`);
} catch (error) {
  if ((error as Error).name !== 'NoSuchEntityException') throw error;
  role = (
    await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify(trust),
        Description: 'Execution role of the Naxt GenAI workshop',
        Tags: sharedTags(workshop.tags),
      }),
    )
  ).Role;
  console.log(`Created ${role?.Arn}`);
}

// SageMaker's managed policy for the jobs and endpoints, and access to the workshop's buckets only: every session's
// (naxt-genai-<account>-<session>), as every session runs as this role and writes this policy again.
await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess' }));
await iam.send(
  new PutRolePolicyCommand({
    RoleName: roleName,
    PolicyName: 'naxt-workshop-bucket',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::naxt-genai-${workshop.accountId}-*`, `arn:aws:s3:::naxt-genai-${workshop.accountId}-*/*`],
        },
      ],
    }),
  }),
);
role?.Arn;
