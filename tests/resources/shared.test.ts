import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CreateRoleCommand, GetRoleCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { CreateModelCommand, DescribeModelCommand } from '@aws-sdk/client-sagemaker';
import { testRunner, textOf } from '../integration/harness.ts';
import { loadLabs, readCell, type Lab } from '../../runner/labs/catalog.ts';
import { runCheck } from '../../runner/checks/runtime.ts';
import { cleanup, type CleanupEvent } from '../../runner/resources/cleanup.ts';
import type { CellEvent } from '../../runner/contracts.ts';
import type { Session } from '../../runner/sessions.ts';
import type { CheckClients } from '../../runner/checks/types.ts';

const ROLE = 'naxt-workshop-sagemaker-execution';

async function runSolution(session: Session, lab: Lab, step: string): Promise<string> {
  const events: CellEvent[] = [];
  const status = await session.run(await readCell(lab, step, 'solution'), (e) => events.push(e), 60_000);
  expect(status, textOf(events)).toBe('ok');
  return textOf(events);
}

const roleExists = (c: CheckClients) =>
  c.iam.send(new GetRoleCommand({ RoleName: ROLE })).then(
    () => true,
    (e: Error) => {
      if (e.name === 'NoSuchEntityException') return false;
      throw e;
    },
  );

/** `npm run cleanup` from the shell on a stopped workshop's data directory: its exit code and what it printed. */
function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'runner/cli/cleanup.ts', '--data-dir', dataDir, '--time-scale', '20000', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe("what every session shares survives one session's cleanup", () => {
  it("session A creates the execution role, B uses it; A's cleanup keeps it and says why; a cleanup of all sessions deletes it", async () => {
    const setup = (await loadLabs('labs')).find((l) => l.slug === '00-setup')!;
    let h = await testRunner(['--time-scale', '20000']);
    try {
      const a = await h.runner.sessions.create();
      const b = await h.runner.sessions.create();
      expect(await runSolution(a, setup, 'role')).toContain('Created');
      await runSolution(a, setup, 'bucket');
      expect(await runSolution(b, setup, 'role')).toContain('Found');
      const c = h.runner.target.clients();
      // The role is the workshop's, not A's, although A created it.
      const tags = (await c.iam.send(new ListRoleTagsCommand({ RoleName: ROLE }))).Tags ?? [];
      expect(tags).toContainEqual({ Key: 'workshop-shared', Value: 'account' });
      expect(tags.some((t) => t.Key === 'workshop-session')).toBe(false);
      // B has something running as the role.
      await c.sagemaker.send(
        new CreateModelCommand({
          ModelName: `naxt-uses-role-${b.id}`,
          ExecutionRoleArn: b.workshop.roleArn,
          PrimaryContainer: { Image: 'img' },
          Tags: b.workshop.tags,
        }),
      );

      const planned: CleanupEvent[] = [];
      const report = await cleanup(c, {
        scope: { sessionId: a.id },
        ledger: await h.runner.ledger.created(a.id),
        pollMs: 20,
        onEvent: (e) => e.type === 'plan' && planned.push(e),
      });
      expect(report.deleted.map((r) => `${r.kind} ${r.name}`)).toEqual([`s3-bucket ${a.workshop.bucket}`]);
      expect(report.ok).toBe(true);
      // The plan and the verdict both name the role as kept, with the reason.
      const planKept = planned[0]?.type === 'plan' ? planned[0].kept : [];
      expect(planKept.map((k) => k.resource.name)).toEqual([ROLE]);
      expect(report.kept.map((k) => `${k.resource.kind} ${k.resource.name}`)).toEqual([`iam-role ${ROLE}`]);
      expect(report.kept[0].reason).toMatch(/shared by every session.*--all-sessions/);
      // A created the role (its ledger says so) and it is still tagged: no "no longer tagged" note.
      expect(report.ledgerOnly).toEqual([]);
      expect(await roleExists(c)).toBe(true);
      const check = await runCheck({ lab: setup, stepId: 'role', session: b, target: h.runner.target, projectDir: h.runner.projectDir });
      expect(check.ok, check.message).toBe(true);
      expect((await c.sagemaker.send(new DescribeModelCommand({ ModelName: `naxt-uses-role-${b.id}` }))).ExecutionRoleArn).toBe(
        b.workshop.roleArn,
      );

      // Lab 07's verdict, in A's session, proves A clean and names what it kept.
      const lab07 = (await loadLabs('labs')).find((l) => l.slug === '07-cleanup')!;
      await runSolution(a, lab07, 'plan');
      await runSolution(a, lab07, 'delete');
      expect(await runSolution(a, lab07, 'verify')).toMatch(
        /Kept, as every session of the account shares it: iam-role naxt-workshop-sagemaker-execution/,
      );
      for (const step of ['plan', 'delete', 'verify']) {
        const r = await runCheck({ lab: lab07, stepId: step, session: a, target: h.runner.target, projectDir: h.runner.projectDir });
        expect(r.ok, `${step}: ${r.message}`).toBe(true);
      }
      expect(await roleExists(c)).toBe(true);

      // From the shell: a session's dry run says it keeps the role; --all-sessions deletes it with B's model.
      await h.stop();
      const dry = await cli(h.dataDir, '--dry-run');
      expect(dry.code).toBe(0);
      expect(dry.out).toMatch(/kept iam-role +naxt-workshop-sagemaker-execution: shared by every session/);
      const all = await cli(h.dataDir, '--yes', '--all-sessions');
      expect(all.out).toMatch(/deleted iam-role +naxt-workshop-sagemaker-execution/);
      expect(all.code, all.out).toBe(0);
      h = await testRunner(['--time-scale', '20000'], h.dataDir);
      expect(await roleExists(h.runner.target.clients())).toBe(false);
    } finally {
      await h.remove();
    }
  }, 120_000);

  it("keeps a role an older workshop tagged with the session that created it: the execution role is the account's", async () => {
    const h = await testRunner(['--time-scale', '20000']);
    try {
      const c = h.runner.target.clients();
      await c.iam.send(
        new CreateRoleCommand({
          RoleName: ROLE,
          AssumeRolePolicyDocument: '{}',
          Tags: [
            { Key: 'workshop', Value: 'naxt-genai' },
            { Key: 'workshop-session', Value: 'abcdef01' },
          ],
        }),
      );
      const mine = await cleanup(c, { scope: { sessionId: 'abcdef01' }, pollMs: 20 });
      expect(mine.deleted).toEqual([]);
      expect(mine.kept.map((k) => k.resource.name)).toEqual([ROLE]);
      expect(mine.ok).toBe(true);
      expect(await roleExists(c)).toBe(true);
      expect((await cleanup(c, { pollMs: 20 })).deleted.map((r) => r.name)).toEqual([ROLE]);
      expect(await roleExists(c)).toBe(false);
    } finally {
      await h.remove();
    }
  }, 30_000);
});
