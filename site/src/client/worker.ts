import type { ApiErrorBody, ApiErrorDetail, WorkerTask } from '../../../runner/api/contract.ts';

/** The worker page: lists open labeling tasks, submits an instruction/response pair per task. */
class WorkshopWorker extends HTMLElement {
  private timer: number | undefined;
  private shown = new Set<string>();
  private submitted = 0;

  connectedCallback(): void {
    void this.refresh();
  }

  disconnectedCallback(): void {
    clearTimeout(this.timer);
  }

  private async refresh(): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    try {
      const res = await fetch('/api/worker/tasks', { credentials: 'same-origin' });
      const body = (await res.json()) as Partial<{ tasks: WorkerTask[] } & ApiErrorBody>;
      if (!res.ok) throw new Error(body.error?.message ?? res.statusText);
      const tasks = body.tasks ?? [];
      const text = tasks.length
        ? `${tasks.length} task${tasks.length > 1 ? 's' : ''} waiting for you.`
        : this.submitted
          ? 'All tasks are answered. Back in lab 06, the labeling job completes and step 3 moves on.'
          : 'No task is waiting. Start a labeling job in lab 06 (step 2); its tasks appear here.';
      // The same words again must not be announced again at every poll.
      if (status.textContent !== text) status.textContent = text;
      for (const t of tasks) if (!this.shown.has(t.taskId)) this.render(t);
    } catch (error) {
      const text = `Could not load the tasks (${(error as Error).message}). Is the workshop still running? This page tries again every few seconds.`;
      if (status.textContent !== text) status.textContent = text;
    }
    this.timer = window.setTimeout(() => void this.refresh(), 4000);
  }

  private render(t: WorkerTask): void {
    this.shown.add(t.taskId);
    const li = document.createElement('li');
    li.className = 'lab-item worker-task';
    const id = `task-${t.taskId.replace(/[^a-z0-9]/gi, '-')}`;
    li.innerHTML = `<form aria-labelledby="${id}">
      <h2 id="${id}" class="lab-title"></h2>
      <p class="muted" data-instructions></p>
      <label>Question a colleague would ask <textarea name="instruction" rows="2" required></textarea></label>
      <label>Answer, in Naxt's tone <textarea name="response" rows="4" required></textarea></label>
      <div class="worker-actions"><button type="submit" class="primary">Submit</button> <span role="status" aria-live="polite" data-result></span></div>
    </form>`;
    li.querySelector('h2')!.textContent = t.source;
    li.querySelector('[data-instructions]')!.textContent = `${t.instructions} (job ${t.jobName})`;
    const form = li.querySelector('form')!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const result = li.querySelector<HTMLElement>('[data-result]')!;
      const button = form.querySelector('button')!;
      button.disabled = true;
      result.textContent = 'Submitting…';
      let body: { remaining?: number; error?: Pick<ApiErrorDetail, 'message'> };
      let ok = false;
      try {
        const res = await fetch(`/api/worker/tasks/${encodeURIComponent(t.taskId)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            answer: { instruction: String(data.get('instruction') ?? ''), response: String(data.get('response') ?? '') },
          }),
        });
        ok = res.ok;
        body = (await res.json().catch(() => ({}))) as typeof body;
      } catch {
        body = { error: { message: 'The workshop did not answer: is it still running? Your text is still here; submit again.' } };
      }
      if (!ok) {
        button.disabled = false;
        result.textContent = `Not submitted: ${body.error?.message ?? 'the workshop refused the answer.'}`;
        return;
      }
      this.submitted++;
      const left = body.remaining;
      result.textContent =
        left === undefined
          ? 'Submitted.'
          : left === 0
            ? 'Submitted. That was the last task of this job.'
            : `Submitted. ${left} task${left === 1 ? '' : 's'} left in this job.`;
      form.querySelectorAll('textarea').forEach((el) => (el.readOnly = true));
      // The next open task is where a keyboard user goes on.
      const next = [...this.querySelectorAll<HTMLTextAreaElement>('textarea[name="instruction"]')].find((el) => !el.readOnly);
      if (document.activeElement === button || document.activeElement === document.body) next?.focus();
    });
    this.querySelector('[data-tasks]')!.append(li);
  }
}

customElements.define('workshop-worker', WorkshopWorker);
