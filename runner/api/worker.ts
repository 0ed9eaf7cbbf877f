import { Hono } from 'hono';
import { z } from 'zod';
import type { Sandbox } from '../sandbox/index.ts';
import { AwsError } from '../sandbox/errors.ts';
import { ApiError, errorResponse, jsonBody } from './errors.ts';
import type { WorkerAnswerBody, WorkerTask } from './contract.ts';

const answerBody = z.object({
  answer: z
    .record(z.string().max(4000))
    .refine(
      (a) => Object.keys(a).length > 0 && Object.values(a).every((v) => v.trim().length > 0),
      'every field of the answer must be filled in',
    ),
}) satisfies z.ZodType<WorkerAnswerBody>;

/** The workshop's worker page: the learner is the private workforce of the sandbox's labeling jobs. */
export function workerRoutes(sandbox: Sandbox | undefined): Hono {
  const api = new Hono();
  api.onError((error, c) =>
    error instanceof AwsError
      ? c.json({ error: { code: error.code, message: error.message } }, error.status === 404 ? 404 : 400)
      : errorResponse(c, error),
  );
  const worker = () => {
    if (!sandbox)
      throw new ApiError(
        404,
        'NoWorkerPage',
        "On a real account, labeling tasks are answered in your private workforce's labeling portal (DescribeWorkteam → SubDomain).",
      );
    return sandbox.worker;
  };
  api.get('/worker/tasks', (c) => c.json({ tasks: worker().listTasks() satisfies WorkerTask[] }));
  api.post('/worker/tasks/:taskId', jsonBody(answerBody), async (c) => {
    const { answer } = c.req.valid('json');
    return c.json((await worker().submitTask(c.req.param('taskId'), answer)) satisfies { remaining: number });
  });
  return api;
}
