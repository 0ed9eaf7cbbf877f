/**
 * Naxt's bars: what "gets the job done" means for each use case. Evaluation compares measured metrics with
 * these; the cheapest model above both bars of a use case wins.
 */
export const bars = {
  summarization: { rougeL: 0.45, meteor: 0.35 },
  chatbot: { f1: 0.28, tone: 0.65, toxicityMax: 0 },
} as const;
