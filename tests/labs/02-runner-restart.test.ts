import { describe, expect, it } from 'vitest';
import {
  CreateDataQualityJobDefinitionCommand,
  DeleteDataQualityJobDefinitionCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
} from '@aws-sdk/client-sagemaker';
import { testRunner, textOf } from '../integration/harness.ts';
import { loadLabs, readCell } from '../../runner/labs/catalog.ts';
import { runCheck } from '../../runner/checks/runtime.ts';
import { discover } from '../../runner/resources/discover.ts';
import type { CellEvent } from '../../runner/contracts.ts';
import type { Session } from '../../runner/sessions.ts';

const STEPS = ['capture', 'traffic', 'inspect', 'baseline', 'schedule'];

/**
 * Lab 02 after the runner itself restarts (issue 15): the sandbox account and the schedule's executions survive in the
 * data directory, the replayed cells find the baseline, the job definition and the schedule they made and say they
 * reuse them; a definition that differs (here: another region's analyzer image) is replaced, and the cell says so.
 */
describe('lab 02 runs again after a runner restart', () => {
  it('reuses its baseline, job definition and schedule, and replaces a definition that differs', async () => {
    const labs = await loadLabs('labs');
    const lab = (slug: string) => labs.find((l) => l.slug === slug)!;
    let h = await testRunner(['--time-scale', '6000']);
    try {
      const pass = async (session: Session, slug: string, steps: string[]) => {
        const out: Record<string, string> = {};
        for (const step of steps) {
          const events: CellEvent[] = [];
          const status = await session.run(await readCell(lab(slug), step, 'solution'), (e) => events.push(e), 90_000);
          out[step] = textOf(events);
          expect(status, `${slug}/${step}: ${out[step]}`).toBe('ok');
          const check = lab(slug).steps.find((s) => s.id === step)?.check;
          if (check)
            expect(
              (await runCheck({ lab: lab(slug), stepId: step, session, target: h.runner.target, projectDir: h.runner.projectDir })).ok,
              `${slug}/${step} check`,
            ).toBe(true);
        }
        return out;
      };
      let session = await h.runner.sessions.current();
      await pass(session, '00-setup', ['identity', 'role', 'quotas', 'bucket', 'datasets']);
      const first = await pass(session, '02-monitor', STEPS);
      expect(first.baseline).toMatch(/Started baseline job naxt-baseline-\w+-1/);
      const before = (await discover(h.runner.target.clients(), { sessionId: session.id })).resources
        .map((r) => `${r.kind} ${r.name}`)
        .sort();

      await h.stop();
      h = await testRunner(['--time-scale', '6000'], h.dataDir);
      session = (await h.runner.sessions.get(session.id))!;
      const again = await pass(session, '02-monitor', STEPS);
      expect(again.baseline).toMatch(/Baseline job naxt-baseline-\w+-1 exists: reusing it\./);
      expect(again.schedule).toMatch(/Job definition naxt-llm-output-checks-\w+ exists: reusing it\./);
      expect(again.schedule).toMatch(/Schedule naxt-hourly-\w+ exists: reusing it\./);
      const after = (await discover(h.runner.target.clients(), { sessionId: session.id })).resources
        .map((r) => `${r.kind} ${r.name}`)
        .sort();
      expect(after).toEqual(before);

      // A definition left by an earlier attempt with another image: the cell replaces it rather than failing or keeping it.
      const sm = h.runner.target.clients().sagemaker;
      const name = `naxt-llm-output-checks-${session.id}`;
      const old = await sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: name }));
      await sm.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: `naxt-hourly-${session.id}` }));
      await sm.send(new DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: name }));
      const wrongImage = '159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer';
      await sm.send(
        new CreateDataQualityJobDefinitionCommand({
          JobDefinitionName: name,
          DataQualityAppSpecification: { ...old.DataQualityAppSpecification!, ImageUri: wrongImage },
          DataQualityBaselineConfig: old.DataQualityBaselineConfig,
          DataQualityJobInput: old.DataQualityJobInput!,
          DataQualityJobOutputConfig: old.DataQualityJobOutputConfig!,
          JobResources: old.JobResources!,
          RoleArn: old.RoleArn!,
        }),
      );
      const replaced = await pass(session, '02-monitor', ['schedule']);
      expect(replaced.schedule).toMatch(/has another baseline or image: replacing it\./);
      expect(
        (await sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: name }))).DataQualityAppSpecification?.ImageUri,
      ).toBe(old.DataQualityAppSpecification?.ImageUri);
    } finally {
      await h.remove();
    }
  }, 300_000);
});
