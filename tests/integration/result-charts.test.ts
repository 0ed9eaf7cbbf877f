import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CellEvent, ChartSpec } from '../../runner/contracts.ts';
import { learnerSession, type Learner } from './harness.ts';
import { bars } from '../../labs/lib/bars.ts';
import { CONSTRAINT_CHECK_TYPES } from '../../core/model-monitor.ts';

const CHART = 'application/vnd.workshop.chart+json';
const chartsOf = (events: CellEvent[]) => events.flatMap((e) => (e.type === 'display' && e.mime === CHART ? [e.data as ChartSpec] : []));

/** Runs a lab's solution cells in order in one session; returns each cell's events. */
async function runSolutions({ api, sid }: Learner, lab: string, cells: string[]) {
  const out: Record<string, CellEvent[]> = {};
  for (const cell of cells) {
    out[cell] = await api.run(sid, lab, cell, await readFile(`labs/${lab}/solutions/${cell}.ts`, 'utf8'));
    expect(out[cell].at(-1), `${lab}/${cell}`).toMatchObject({ type: 'done', status: 'ok' });
  }
  return out;
}

describe('charts of results a learner would rather look at than read', () => {
  const s = learnerSession(
    [],
    async (l) => {
      await runSolutions(l, '00-setup', ['identity', 'role', 'quotas', 'bucket', 'datasets']);
    },
    60_000,
  );

  it('lab 04 charts the training loss per epoch, read from the job log in CloudWatch Logs', async () => {
    const events = await runSolutions(s, '04-customize', ['dataset', 'train']);
    const [chart] = chartsOf(events.train);
    expect(chart).toMatchObject({ type: 'line', xLabel: 'epoch' });
    expect(chart.x).toEqual([1, 2, 3]);
    const train = chart.series.find((s) => s.name === 'train_loss')!.values;
    const evalLoss = chart.series.find((s) => s.name === 'eval_loss')!.values;
    expect(train).toHaveLength(3);
    // The stand-in really trains: the loss falls epoch after epoch, and the last one is the job's final metric.
    expect(train[1]).toBeLessThan(train[0]);
    expect(train[2]).toBeLessThan(train[1]);
    expect(evalLoss.every((v) => Number.isFinite(v))).toBe(true);
    const final = events.train
      .filter((e) => e.type === 'stream')
      .map((e) => (e.type === 'stream' ? e.text : ''))
      .join('');
    expect(final).toContain(`huggingface-textgeneration:train-loss=${train[2]}`);
  }, 60_000);

  it('lab 04 with the starting cell’s tiny learning rate shows a loss that barely moves', async () => {
    const events = await s.api.run(s.sid, '04-customize', 'train', await readFile('labs/04-customize/cells/train.ts', 'utf8'));
    const [chart] = chartsOf(events);
    const train = chart.series.find((s) => s.name === 'train_loss')!.values;
    expect(train.length).toBeGreaterThanOrEqual(2);
    expect(Math.abs(train[0] - train.at(-1)!)).toBeLessThan(0.5);
    expect(chart.title).toContain('0.000001');
  }, 60_000);

  it('lab 02 charts the violations of each monitoring execution by constraint check, from the reports in S3', async () => {
    const events = await runSolutions(s, '02-monitor', ['capture', 'traffic', 'inspect', 'baseline', 'schedule']);
    const [chart] = chartsOf(events.schedule);
    expect(chart).toMatchObject({ type: 'bar', xLabel: 'execution (UTC hour)' });
    expect(chart.x.length).toBeGreaterThanOrEqual(1);
    expect(String(chart.x[0])).toMatch(/^\d{4}-\d{2}-\d{2}-\d{2}$/);
    // Only the constraint check types Model Monitor reports (AWS guide "Schema for Violations (constraint_violations.json file)").
    const documented: readonly string[] = CONSTRAINT_CHECK_TYPES;
    // (one all-zero 'violations' series when no execution broke a constraint)
    for (const s of chart.series) expect([...documented, 'violations']).toContain(s.name);
    for (const s of chart.series) expect(s.values).toHaveLength(chart.x.length);
    expect(chart.stacked).toBe(true); // the check types of one hour add up to its bar
  }, 90_000);

  it('lab 03 names each point after its model and sends each use case’s bar as a rule of its metric', async () => {
    const events = await runSolutions(s, '03-evaluate-select', ['data', 'evaluate', 'choose']);
    const [chart] = chartsOf(events.choose);
    expect(chart.type).toBe('scatter');
    // One name per point: the candidates evaluate.ts scored, in its order.
    const scored = events.evaluate.flatMap((e) =>
      e.type === 'stream' ? [...e.text.matchAll(/^(huggingface-llm-\S+): deploying/gm)].map((m) => m[1]) : [],
    );
    expect(chart.labels).toHaveLength(chart.x.length);
    expect(chart.labels).toEqual(scored);
    expect(chart.labels).toContain('huggingface-llm-mistral-7b-instruct-v3');
    expect(chart.rules?.map((r) => [r.series, r.y])).toEqual([
      ['ROUGE-L (summaries)', bars.summarization.rougeL],
      ['F1 (chatbot)', bars.chatbot.f1],
      ['tone (chatbot)', bars.chatbot.tone],
    ]);
    for (const r of chart.rules ?? []) expect(chart.series.map((s) => s.name)).toContain(r.series);
  }, 120_000);
});
