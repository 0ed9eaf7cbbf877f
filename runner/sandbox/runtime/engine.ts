/** What serves an endpoint's invocations: a stand-in for the model a container would load. */
export interface Engine {
  modelId: string;
  tier: string;
  invoke(body: unknown, contentType: string): Promise<{ body: unknown; latencyMs: number }>;
}

export interface ModelInfo {
  modelId: string;
  artifactUri?: string;
  environment?: Record<string, string>;
}

export interface EngineFactory {
  create(info: ModelInfo): Promise<Engine>;
  /** A header value that says, in every response, that a stand-in answered. */
  label(engine: Engine): string;
}

/** The smallest honest engine: it says what it is and echoes a summary of the prompt. */
export const echoEngines: EngineFactory = {
  async create(info) {
    return {
      modelId: info.modelId,
      tier: 'echo',
      async invoke(body) {
        const inputs = (body as { inputs?: unknown })?.inputs;
        const text = typeof inputs === 'string' ? inputs : JSON.stringify(body);
        return { body: [{ generated_text: `[stand-in ${info.modelId}] ${text.slice(0, 200)}` }], latencyMs: 5 };
      },
    };
  },
  label: (e) => `stand-in engine; tier=${e.tier}; model=${e.modelId}`,
};
