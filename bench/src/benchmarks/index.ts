import type { Benchmark } from '../benchmark.js';
import { contactsApiBenchmark } from './contacts-api.js';

export const BENCHMARKS: Record<string, Benchmark> = {
  'contacts-api': contactsApiBenchmark,
};
