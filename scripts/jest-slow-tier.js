// Integration, contract and e2e suites start databases, services and browsers in their
// hooks. A project's testTimeout does not reach beforeAll/afterAll hooks (they keep jest's
// 5 s default), and on a busy 2-core machine migrations alone can take longer; when a hook
// timed out, afterAll dropped the suite's database under a still-running migration (57P01).
import { expect, jest } from '@jest/globals';

const e2e = /[\\/]e2e[\\/]/.test(expect.getState().testPath ?? '');
jest.setTimeout(Number(process.env.MERIDIAN_SLOW_TIER_TIMEOUT_MS ?? (e2e ? 300_000 : 120_000)));
