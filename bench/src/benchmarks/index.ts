import type { Benchmark } from '../benchmark.js';
import { authBenchmark } from './auth.js';
import { contactsApiBenchmark } from './contacts-api.js';
import { webContactsBenchmark } from './web-contacts.js';
import { crmSearchBenchmark } from './crm-search.js';
import { crmCreateBenchmark } from './crm-create.js';
import { crmListBenchmark } from './crm-list.js';
import { crmImportBenchmark } from './crm-import.js';

export const BENCHMARKS: Record<string, Benchmark> = {
  auth: authBenchmark,
  'contacts-api': contactsApiBenchmark,
  'web-contacts': webContactsBenchmark,
  'crm-search': crmSearchBenchmark,
  'crm-list': crmListBenchmark,
  'crm-create': crmCreateBenchmark,
  'crm-import': crmImportBenchmark,
};
