import { answer, progress } from './api.ts';

/** A knowledge check: the learner's answer is kept in progress, each option explains itself. */
export class WorkshopQuiz extends HTMLElement {
  connectedCallback(): void {
    const correct = Number(this.dataset.answer);
    const show = (value: number, save: boolean) => {
      for (const p of this.querySelectorAll<HTMLElement>('[data-explanation]')) p.hidden = Number(p.dataset.explanation) !== value;
      const verdict = this.querySelector<HTMLElement>('[data-verdict]')!;
      verdict.textContent = value === correct ? 'Correct.' : 'Not quite — read why, then try another answer.';
      verdict.className = `quiz-verdict ${value === correct ? 'pass' : 'fail'}`;
      const radio = this.querySelector<HTMLInputElement>(`input[value="${value}"]`);
      if (radio) radio.checked = true;
      if (save) void answer(this.dataset.lab!, this.dataset.quiz!, String(value));
    };
    this.addEventListener('change', (e) => show(Number((e.target as HTMLInputElement).value), true));
    void progress().then((p) => {
      const a = p.labs[this.dataset.lab!]?.answers?.[this.dataset.quiz!];
      if (a !== undefined) show(Number(a), false);
    });
  }
}
