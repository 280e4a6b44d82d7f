/** The OpenAI SDK client for any OpenAI-compatible server (OPENAI_BASE_URL), built once. */
import OpenAI from 'openai';

export interface LlmConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

export function createLlmClient(config: LlmConfig): OpenAI {
  // One retry at most: a slow or failing server must not keep a person waiting; the extractive
  // answer is the fallback.
  return new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, timeout: config.timeoutMs, maxRetries: 1 });
}
