/** Variables the cells of this lab share (declared for the type checker; the kernel keeps them). */
declare global {
  var samples: {
    conversations: { id: string; transcript: string; reference_summary: string }[];
    questions: { id: string; question: string; answer: string }[];
    toneGuide: import('../lib/evaluation.ts').ToneGuide;
    prices: Record<string, { hostingPerHour: number }>;
  };
  var results: { modelId: string; instanceType: string; costPer1k: number; metrics: Record<string, number> }[];
}
export {};
