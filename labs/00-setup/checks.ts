import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { GetBucketTaggingCommand, HeadBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { GetRoleCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { paginateListServiceQuotas } from '@aws-sdk/client-service-quotas';
import { fail, pass, type LabChecks, type LabDeclaration } from '../../core/checks.ts';
import { kindQuotaName } from '../../core/kinds.ts';

/** The Service Quotas name of each instance type the labs declare, by how they use it. */
function quotasTheLabsNeed(labs: readonly LabDeclaration[]): string[] {
  const names = new Set<string>();
  for (const lab of labs) {
    for (const r of lab.resources) {
      const name = r.instanceType && kindQuotaName(r.kind, r.instanceType);
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

/** True when an SDK error is the given AWS error name or HTTP status. */
function isAwsError(error: unknown, ...names: string[]): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return names.includes(e?.name ?? '') || names.includes(String(e?.$metadata?.httpStatusCode));
}

export const checks: LabChecks = {
  async identityKnown({ clients, kernelValue }) {
    const identity = (await kernelValue('identity')) as { Account?: string; Arn?: string } | undefined;
    if (!identity?.Account) {
      return fail(
        '`identity` is not defined yet, or has no Account.',
        'Send a GetCallerIdentityCommand with the STS client and assign the answer to `identity`.',
      );
    }
    const actual = await clients.sts.send(new GetCallerIdentityCommand({}));
    if (identity.Account !== actual.Account) {
      return fail(
        `\`identity\` names account ${identity.Account}, but your cells reach ${actual.Account}.`,
        'Run the cell again: the answer must come from GetCallerIdentity.',
      );
    }
    return pass(`Your cells reach account ${actual.Account} as ${actual.Arn}.`);
  },

  async roleReady({ clients, workshop }) {
    const RoleName = workshop.roleArn.split('/').pop()!;
    let trust = '';
    try {
      trust = decodeURIComponent((await clients.iam.send(new GetRoleCommand({ RoleName }))).Role?.AssumeRolePolicyDocument ?? '');
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntityException', 'NoSuchEntity'))
        return fail(
          `The execution role ${RoleName} does not exist.`,
          'Create it with CreateRoleCommand and a trust policy for sagemaker.amazonaws.com.',
        );
      throw error;
    }
    if (!trust.includes('sagemaker.amazonaws.com'))
      return fail(
        `SageMaker cannot assume ${RoleName}: its trust policy does not name sagemaker.amazonaws.com.`,
        'Update it with UpdateAssumeRolePolicyCommand so that the principal Service is sagemaker.amazonaws.com.',
      );
    const attached = (await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? [];
    if (!attached.some((p) => p.PolicyArn?.endsWith('/AmazonSageMakerFullAccess')))
      return fail(`${RoleName} lacks AmazonSageMakerFullAccess.`, 'Attach it with AttachRolePolicyCommand.');
    const inline = (await clients.iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? [];
    if (inline.length === 0)
      return fail(`${RoleName} cannot read the workshop bucket yet.`, 'Add the bucket policy with PutRolePolicyCommand.');
    return pass(`SageMaker can act as ${workshop.roleArn}.`);
  },

  async quotasSufficient({ clients, kernelValue, labs }) {
    const read = ((await kernelValue('quotas')) ?? {}) as Record<string, number>;
    if (Object.keys(read).length === 0)
      return fail(
        '`quotas` does not hold the SageMaker quotas yet.',
        'Page through ListServiceQuotas for ServiceCode "sagemaker" and keep the values in `quotas`.',
      );
    const declared = quotasTheLabsNeed(await labs());
    const needed = declared.length > 0 ? declared : Object.keys(read);
    const actual: Record<string, number> = {};
    for await (const page of paginateListServiceQuotas({ client: clients.quotas }, { ServiceCode: 'sagemaker' })) {
      for (const q of page.Quotas ?? []) if (q.QuotaName) actual[q.QuotaName] = q.Value ?? 0;
    }
    const unread = needed.filter((n) => read[n] === undefined);
    if (unread.length > 0)
      return fail(`\`quotas\` lacks ${unread.join(', ')}.`, 'Add these quota names to `needed` and run the cell again.');
    const zero = needed.filter((n) => (actual[n] ?? 0) < 1);
    if (zero.length > 0) {
      return fail(
        `Your account cannot run every lab yet: ${zero.map((n) => `"${n}" is ${actual[n] ?? 0}`).join('; ')}.`,
        `Request an increase to at least 1 in Service Quotas (Amazon SageMaker) for: ${zero.join(', ')}.`,
      );
    }
    return pass(`Every instance type the labs use has a quota: ${needed.map((n) => `${n} = ${actual[n]}`).join('; ') || 'none needed'}.`);
  },

  async bucketTagged({ clients, workshop }) {
    const Bucket = workshop.bucket;
    try {
      await clients.s3.send(new HeadBucketCommand({ Bucket }));
    } catch (error) {
      if (isAwsError(error, 'NotFound', 'NoSuchBucket', '404')) {
        return fail(`Bucket ${Bucket} does not exist.`, 'Send a CreateBucketCommand with Bucket: workshop.bucket.');
      }
      throw error;
    }
    let tags: { Key?: string; Value?: string }[] = [];
    try {
      tags = (await clients.s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet ?? [];
    } catch (error) {
      if (!isAwsError(error, 'NoSuchTagSet', '404')) throw error;
    }
    const missing = workshop.tags.filter((t) => !tags.some((x) => x.Key === t.Key && x.Value === t.Value));
    if (missing.length > 0) {
      return fail(
        `Bucket ${Bucket} exists but lacks the tag${missing.length > 1 ? 's' : ''} ${missing.map((t) => `${t.Key}=${t.Value}`).join(', ')}.`,
        'Send a PutBucketTaggingCommand with Tagging: { TagSet: workshop.tags }.',
      );
    }
    return pass(`Bucket ${Bucket} exists and carries the workshop tags.`);
  },

  async datasetsUploaded({ clients, workshop, projectDir }) {
    const contentDir = join(projectDir, 'content');
    const entries = await readdir(contentDir, { withFileTypes: true, recursive: true });
    const expected = entries
      .filter((e) => e.isFile() && /\.(jsonl|json|md)$/.test(e.name))
      .map((e) => `datasets/${relative(contentDir, join(e.parentPath, e.name))}`);
    if (expected.length === 0)
      return fail(
        'The workshop has no datasets in content/ to upload.',
        'Restore the content/ folder of the workshop (git checkout content).',
      );
    const present = new Set<string>();
    let ContinuationToken: string | undefined;
    try {
      do {
        const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: 'datasets/', ContinuationToken }));
        for (const o of page.Contents ?? []) if (o.Key) present.add(o.Key);
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
    } catch (error) {
      if (isAwsError(error, 'NoSuchBucket', '404'))
        return fail(`Bucket ${workshop.bucket} does not exist.`, 'Run the previous step first.');
      throw error;
    }
    const missing = expected.filter((k) => !present.has(k));
    if (missing.length > 0) {
      return fail(
        `${missing.length} of ${expected.length} dataset files are missing, e.g. ${missing.slice(0, 3).join(', ')}.`,
        'Upload every file of content/ under datasets/ with PutObjectCommand.',
      );
    }
    return pass(`All ${expected.length} dataset files are in s3://${workshop.bucket}/datasets/.`);
  },
};
