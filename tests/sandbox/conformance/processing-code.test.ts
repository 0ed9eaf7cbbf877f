import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CreateProcessingJobCommand,
  DescribeProcessingJobCommand,
  type CreateProcessingJobCommandInput,
  type DescribeProcessingJobCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { IMAGE, REGION, ROLE, conformance } from './fixture.ts';

/**
 * Processing jobs run the code they are delivered, as SageMaker Processing does: the SDK's ScriptProcessor
 * (sagemaker-core/src/sagemaker/core/processing.py) ships the script as the input `code` under
 * /opt/ml/processing/input/code and runs it with python3 in a framework image.
 */
const t = conformance({ timeScale: 6000 });
const BUCKET = 'naxt-processing-code';
const images = JSON.parse(readFileSync(join(import.meta.dirname, '../../../content/processing-images.json'), 'utf8')) as {
  sklearn: { repository: string; version: string; registries: Record<string, string> };
};
const SKLEARN = `${images.sklearn.registries[REGION]}.dkr.ecr.${REGION}.amazonaws.com/${images.sklearn.repository}:${images.sklearn.version}-cpu-py3`;

// Paths come from the arguments (the sandbox maps /opt/ml/… there, not inside the script's text).
const SCRIPT = `import json, os, sys
data, out = sys.argv[2], sys.argv[4]
rows = [json.loads(l) for l in open(os.path.join(data, 'rows.jsonl')) if l.strip()]
if os.environ.get('FAIL'):
    raise SystemExit('asked to fail: ' + os.environ['FAIL'])
os.makedirs(out, exist_ok=True)
json.dump({'rows': len(rows), 'sum': sum(r['v'] for r in rows), 'args': [a.rsplit('/opt/ml/', 1)[-1] for a in sys.argv[1:]]}, open(os.path.join(out, 'report.json'), 'w'))
print('counted', len(rows), 'rows')
`;

async function setup() {
  await t.s3.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((e: Error) => {
    if (e.name !== 'BucketAlreadyOwnedByYou') throw e;
  });
  await t.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'code/count.py', Body: SCRIPT }));
  await t.s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: 'data/rows.jsonl', Body: [1, 2, 3, 4].map((v) => JSON.stringify({ v })).join('\n') }),
  );
}

const job = (
  name: string,
  over: { image?: string; entry?: string[]; code?: boolean; env?: Record<string, string> } = {},
): CreateProcessingJobCommandInput => ({
  ProcessingJobName: name,
  RoleArn: ROLE,
  AppSpecification: {
    ImageUri: over.image ?? SKLEARN,
    ContainerEntrypoint: over.entry ?? ['python3', '/opt/ml/processing/input/code/count.py'],
    ContainerArguments: ['--data', '/opt/ml/processing/data', '--out', '/opt/ml/processing/out'],
  },
  ProcessingInputs: [
    ...(over.code === false
      ? []
      : [
          {
            InputName: 'code',
            S3Input: {
              S3Uri: `s3://${BUCKET}/code/count.py`,
              LocalPath: '/opt/ml/processing/input/code',
              S3DataType: 'S3Prefix' as const,
              S3InputMode: 'File' as const,
            },
          },
        ]),
    {
      InputName: 'data',
      S3Input: { S3Uri: `s3://${BUCKET}/data/`, LocalPath: '/opt/ml/processing/data', S3DataType: 'S3Prefix', S3InputMode: 'File' },
    },
  ],
  ProcessingOutputConfig: {
    Outputs: [
      {
        OutputName: 'report',
        S3Output: { S3Uri: `s3://${BUCKET}/out/${name}`, LocalPath: '/opt/ml/processing/out', S3UploadMode: 'EndOfJob' },
      },
    ],
  },
  ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
  Environment: over.env,
});

async function finished(name: string): Promise<DescribeProcessingJobCommandOutput> {
  for (let i = 0; i < 400; i++) {
    const d = await t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
    if (d.ProcessingJobStatus !== 'InProgress') return d;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${name} did not finish`);
}

describe('processing jobs run the code delivered to them, and only that', () => {
  it('the real path: the script arrives as the code input, runs with python3 in the scikit-learn image, its output is uploaded and its log is readable', async () => {
    await setup();
    await t.sm.send(new CreateProcessingJobCommand(job('pc-ok')));
    const d = await finished('pc-ok');
    expect(d.ProcessingJobStatus, d.FailureReason).toBe('Completed');
    const report = JSON.parse(
      await (await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'out/pc-ok/report.json' }))).Body!.transformToString(),
    ) as { rows: number; sum: number; args: string[] };
    // The data input was copied to its LocalPath, and the arguments name it.
    expect(report).toEqual({ rows: 4, sum: 10, args: ['--data', 'processing/data', '--out', 'processing/out'] });
    const logs = await t.clients.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/ProcessingJobs', logStreamNamePrefix: 'pc-ok/' }),
    );
    expect(logs.events?.map((e) => e.message)).toContain('counted 4 rows');
  });

  it('AWS says no: a script no input delivers is not in the container — python exits 2 and the job fails (the old lab 05 step)', async () => {
    await setup();
    // Lab 05's former evaluation step: the serving image, a script path nothing delivers.
    await t.sm.send(
      new CreateProcessingJobCommand(job('pc-tgi-no-code', { image: IMAGE, entry: ['python3', '/opt/ml/code/evaluate.py'], code: false })),
    );
    const a = await finished('pc-tgi-no-code');
    expect(a.ProcessingJobStatus).toBe('Failed');
    expect(a.FailureReason).toMatch(/^AlgorithmError/);
    expect(a.ExitMessage).toContain("can't open file '/opt/ml/code/evaluate.py': [Errno 2] No such file or directory");
    // The right image, but the code input left out.
    await t.sm.send(new CreateProcessingJobCommand(job('pc-no-code', { code: false })));
    const b = await finished('pc-no-code');
    expect(b.ProcessingJobStatus).toBe('Failed');
    expect(b.ExitMessage).toContain("can't open file '/opt/ml/processing/input/code/count.py'");
  });

  it('AWS says no: a script that fails fails the job with its own last words; a delivered script in an image the sandbox cannot vouch for fails as unverified', async () => {
    await setup();
    await t.sm.send(new CreateProcessingJobCommand(job('pc-exit', { env: { FAIL: 'on purpose' } })));
    const a = await finished('pc-exit');
    expect(a.ProcessingJobStatus).toBe('Failed');
    expect(a.ExitMessage).toContain('asked to fail: on purpose');
    await expect(t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'out/pc-exit/report.json' }))).rejects.toThrow();
    await t.sm.send(new CreateProcessingJobCommand(job('pc-wrong-image', { image: IMAGE })));
    const b = await finished('pc-wrong-image');
    expect(b.ProcessingJobStatus).toBe('Failed');
    expect(b.FailureReason).toContain('scikit-learn');
    expect(b.FailureReason).toContain('unverified');
  });
});
