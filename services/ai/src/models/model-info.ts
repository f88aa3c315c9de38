import type { AiConfig } from '../config.js';

export interface ModelInfo {
  provider: string;
  model: string;
  /** True for the built-in deterministic provider: the UI labels its output as such. */
  offline: boolean;
}

export const MODEL_INFO = Symbol('MODEL_INFO');

export const modelInfoFromConfig = (config: AiConfig): ModelInfo => ({
  provider: config.LLM_PROVIDER,
  model: config.LLM_MODEL,
  offline: config.LLM_PROVIDER === 'offline',
});
