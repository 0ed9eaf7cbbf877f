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

export interface EngineDeps {
  contentDir: string;
  /** An S3 object of the sandbox (a fine-tuned model's artifact), or undefined. */
  readObject(uri: string): Promise<Uint8Array | undefined>;
}

export interface EngineFactory {
  create(info: ModelInfo, deps: EngineDeps): Promise<Engine>;
  /** A header value that says, in every response, that a stand-in answered. */
  label(engine: Engine): string;
}
