import type { Benchmark } from '../benchmark.js';
import { authBenchmark } from './auth.js';
import { contactsApiBenchmark } from './contacts-api.js';

export const BENCHMARKS: Record<string, Benchmark> = {
  auth: authBenchmark,
  'contacts-api': contactsApiBenchmark,
};
