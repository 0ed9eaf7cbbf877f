interface WorkerTask {
  taskId: string;
  jobName: string;
  source: string;
  instructions: string;
}

/** The worker page: lists open labeling tasks, submits an instruction/response pair per task. */
class WorkshopWorker extends HTMLElement {
  private timer: number | undefined;
  private shown = new Set<string>();

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
      const body = (await res.json()) as { tasks?: WorkerTask[]; error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? res.statusText);
      const tasks = body.tasks ?? [];
      status.textContent = tasks.length ? `${tasks.length} task${tasks.length > 1 ? 's' : ''} waiting for you.` : 'No task is waiting. Start a labeling job in lab 06; its tasks appear here.';
      for (const t of tasks) if (!this.shown.has(t.taskId)) this.render(t);
    } catch (error) {
      status.textContent = `Could not load tasks: ${(error as Error).message}`;
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
      <label>Question a colleague would ask<br><textarea name="instruction" rows="2" required></textarea></label><br>
      <label>Answer, in Naxt's tone<br><textarea name="response" rows="3" required></textarea></label><br>
      <button type="submit" class="primary">Submit</button> <span role="status" aria-live="polite" data-result></span>
    </form>`;
    li.querySelector('h2')!.textContent = t.source;
    li.querySelector('[data-instructions]')!.textContent = `${t.instructions} (job ${t.jobName})`;
    const form = li.querySelector('form')!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const result = li.querySelector<HTMLElement>('[data-result]')!;
      const res = await fetch(`/api/worker/tasks/${encodeURIComponent(t.taskId)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answer: { instruction: String(data.get('instruction') ?? ''), response: String(data.get('response') ?? '') } }),
      });
      const body = (await res.json()) as { remaining?: number; error?: { message: string } };
      if (!res.ok) {
        result.textContent = body.error?.message ?? 'Could not submit.';
        return;
      }
      result.textContent = `Submitted. ${body.remaining} task${body.remaining === 1 ? '' : 's'} left in this job.`;
      form.querySelectorAll('textarea, button').forEach((el) => ((el as HTMLTextAreaElement).disabled = true));
    });
    this.querySelector('[data-tasks]')!.append(li);
  }
}

customElements.define('workshop-worker', WorkshopWorker);
