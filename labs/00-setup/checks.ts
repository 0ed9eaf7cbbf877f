import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { GetBucketTaggingCommand, HeadBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fail, pass, type LabChecks } from '../../runner/checks/types.ts';

/** True when an SDK error is the given AWS error name or HTTP status. */
function isAwsError(error: unknown, ...names: string[]): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return names.includes(e?.name ?? '') || names.includes(String(e?.$metadata?.httpStatusCode));
}

export const checks: LabChecks = {
  async identityKnown({ clients, kernelValue }) {
    const identity = (await kernelValue('identity')) as { Account?: string; Arn?: string } | undefined;
    if (!identity?.Account) {
      return fail('`identity` is not defined yet, or has no Account.', 'Send a GetCallerIdentityCommand with the STS client and assign the answer to `identity`.');
    }
    const actual = await clients.sts.send(new GetCallerIdentityCommand({}));
    if (identity.Account !== actual.Account) {
      return fail(`\`identity\` names account ${identity.Account}, but your cells reach ${actual.Account}.`, 'Run the cell again: the answer must come from GetCallerIdentity.');
    }
    return pass(`Your cells reach account ${actual.Account} as ${actual.Arn}.`);
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
      return fail(`Bucket ${Bucket} exists but lacks the tag${missing.length > 1 ? 's' : ''} ${missing.map((t) => `${t.Key}=${t.Value}`).join(', ')}.`,
        'Send a PutBucketTaggingCommand with Tagging: { TagSet: workshop.tags }.');
    }
    return pass(`Bucket ${Bucket} exists and carries the workshop tags.`);
  },

  async datasetsUploaded({ clients, workshop, projectDir }) {
    const contentDir = join(projectDir, 'content');
    const entries = await readdir(contentDir, { withFileTypes: true, recursive: true });
    const expected = entries
      .filter((e) => e.isFile() && /\.(jsonl|json|md)$/.test(e.name))
      .map((e) => `datasets/${relative(contentDir, join(e.parentPath, e.name))}`);
    if (expected.length === 0) return fail('The workshop has no datasets in content/ to upload.', 'Restore the content/ folder of the workshop (git checkout content).');
    const present = new Set<string>();
    let ContinuationToken: string | undefined;
    try {
      do {
        const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: 'datasets/', ContinuationToken }));
        for (const o of page.Contents ?? []) if (o.Key) present.add(o.Key);
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
    } catch (error) {
      if (isAwsError(error, 'NoSuchBucket', '404')) return fail(`Bucket ${workshop.bucket} does not exist.`, 'Run the previous step first.');
      throw error;
    }
    const missing = expected.filter((k) => !present.has(k));
    if (missing.length > 0) {
      return fail(`${missing.length} of ${expected.length} dataset files are missing, e.g. ${missing.slice(0, 3).join(', ')}.`,
        'Upload every file of content/ under datasets/ with PutObjectCommand.');
    }
    return pass(`All ${expected.length} dataset files are in s3://${workshop.bucket}/datasets/.`);
  },
};
