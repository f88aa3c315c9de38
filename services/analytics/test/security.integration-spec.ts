import { describeSecuritySuite } from '@meridian/platform/testing';
import { analyticsService } from '../src/service.js';

describeSecuritySuite(analyticsService, { env: { DUCKDB_PATH: ':memory:' } });
