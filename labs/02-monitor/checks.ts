import {
  DescribeEndpointCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListProcessingJobsCommand,
} from '@aws-sdk/client-sagemaker';
import { ListObjectsV2Command, GetObjectCommand } from '@aws-sdk/client-s3';
import { fail, pass, type CheckContext, type LabChecks } from '../../core/checks.ts';

const endpointOf = (ctx: CheckContext) => `${ctx.workshop.prefix}summarizer-${ctx.workshop.sessionId}`;

async function capturedRecords(ctx: CheckContext): Promise<number> {
  let n = 0;
  let ContinuationToken: string | undefined;
  do {
    const page = await ctx.clients.s3.send(
      new ListObjectsV2Command({ Bucket: ctx.workshop.bucket, Prefix: `capture/${endpointOf(ctx)}/`, ContinuationToken }),
    );
    for (const o of page.Contents ?? [])
      n += (await (await ctx.clients.s3.send(new GetObjectCommand({ Bucket: ctx.workshop.bucket, Key: o.Key }))).Body!.transformToString())
        .split('\n')
        .filter(Boolean).length;
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return n;
}

export const checks: LabChecks = {
  async captureEnabled(ctx) {
    const d = await ctx.clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointOf(ctx) })).catch(() => undefined);
    if (!d)
      return fail(
        `Endpoint ${endpointOf(ctx)} does not exist.`,
        "Run the cell: it deploys lab 01's endpoint when it is missing, then turns capture on.",
      );
    if (!d.DataCaptureConfig?.EnableCapture)
      return fail(
        `Endpoint ${endpointOf(ctx)} does not capture data (${d.EndpointStatus}).`,
        'Create a configuration with DataCaptureConfig and UpdateEndpoint to it.',
      );
    if (d.EndpointStatus !== 'InService')
      return fail(`Endpoint ${endpointOf(ctx)} is ${d.EndpointStatus}.`, 'Wait until the update finishes.');
    return pass(
      `Endpoint ${endpointOf(ctx)} captures ${d.DataCaptureConfig.CurrentSamplingPercentage}% of its traffic to ${d.DataCaptureConfig.DestinationS3Uri}.`,
    );
  },

  async trafficCaptured(ctx) {
    const n = await capturedRecords(ctx);
    if (n < 10) return fail(`${n} captured request(s) so far.`, 'Send the test conversations to the endpoint.');
    return pass(`${n} requests and responses captured in S3.`);
  },

  async findingsCoverCapture(ctx) {
    const findings = (await ctx.kernelValue('findings')) as { piiInRequest?: boolean; tone?: number }[] | undefined;
    if (!findings?.length) return fail('`findings` is empty.', 'Score every captured answer.');
    const n = await capturedRecords(ctx);
    if (findings.length !== n)
      return fail(`\`findings\` covers ${findings.length} answers; ${n} were captured.`, 'Read every capture file (mind pagination).');
    if (findings.some((f) => typeof f.piiInRequest !== 'boolean' || typeof f.tone !== 'number'))
      return fail('Some findings lack the PII or tone check.', 'Push piiInRequest (true or false) and tone (a number) for every record.');
    return pass(`All ${n} captured answers checked; ${findings.filter((f) => f.piiInRequest).length} requests carry personal data.`);
  },

  async baselineSuggested(ctx) {
    const family = `${ctx.workshop.prefix}baseline-${ctx.workshop.sessionId}`;
    const jobs =
      (
        await ctx.clients.sagemaker.send(
          new ListProcessingJobsCommand({ NameContains: family, SortBy: 'CreationTime', SortOrder: 'Descending' }),
        )
      ).ProcessingJobSummaries ?? [];
    const done = jobs.find((j) => j.ProcessingJobStatus === 'Completed');
    if (!done)
      return fail(
        jobs.length ? `Baseline job ${jobs[0].ProcessingJobName} is ${jobs[0].ProcessingJobStatus}.` : `No baseline job ${family}-… yet.`,
        'Run the cell: it starts the baselining job on the analyzer image and waits for it.',
      );
    const job = await ctx.clients.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: done.ProcessingJobName }));
    const results = job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri ?? '';
    const key = `${results.replace(`s3://${ctx.workshop.bucket}/`, '')}/constraints.json`;
    const constraints = await ctx.clients.s3.send(new GetObjectCommand({ Bucket: ctx.workshop.bucket, Key: key })).then(
      async (o) => JSON.parse(await o.Body!.transformToString()) as { features?: { name: string }[] },
      () => undefined,
    );
    if (!constraints?.features?.length)
      return fail(
        `Baseline job ${done.ProcessingJobName} wrote no constraints.json with features under ${results}.`,
        'Give the job the dataset as the input baseline_dataset_input and the environment dataset_source, dataset_format and output_path.',
      );
    return pass(`Baseline ${done.ProcessingJobName}: constraints for ${constraints.features.map((f) => f.name).join(', ')}.`);
  },

  async reportRead(ctx) {
    const list = await ctx.clients.sagemaker
      .send(
        new ListMonitoringExecutionsCommand({
          MonitoringScheduleName: `${ctx.workshop.prefix}hourly-${ctx.workshop.sessionId}`,
          MaxResults: 100,
        }),
      )
      .catch(() => undefined);
    const all = list?.MonitoringExecutionSummaries ?? [];
    if (all.length === 0) return fail('No monitoring execution yet.', 'Create the schedule; the first execution runs within the hour.');
    const e = all.find((x) => x.MonitoringExecutionStatus === 'Completed' || x.MonitoringExecutionStatus === 'CompletedWithViolations');
    if (!e)
      return fail(
        `No execution has produced a report yet: ${all[0].MonitoringExecutionStatus}${all[0].FailureReason ? ` (${all[0].FailureReason})` : ''}.`,
        'Send traffic, then wait for the next run.',
      );
    const violations = (await ctx.kernelValue('violations')) as unknown[] | undefined;
    if (!Array.isArray(violations))
      return fail(
        '`violations` is not defined: read constraint_violations.json.',
        "Run the whole cell: it keeps the report's violations in `violations`.",
      );
    // The execution the cell read (kept in `execution`); the newest one when the cell kept none.
    const read = ((await ctx.kernelValue('execution')) as { MonitoringExecutionStatus?: string } | undefined) ?? e;
    if (read.MonitoringExecutionStatus === 'CompletedWithViolations' && violations.length === 0)
      return fail(
        'The execution found violations, but `violations` is empty.',
        'Read the newest constraint_violations.json under monitoring/reports/ and keep its `violations` array.',
      );
    return pass(`The hourly monitor ran (${e.MonitoringExecutionStatus}) and its ${violations.length} violation(s) were read.`);
  },
};
