import { describe, expect, it } from '@jest/globals';
import { describeApiError } from './problem';

describe('describeApiError', () => {
  it('maps problem+json field errors by field name', () => {
    const info = describeApiError({
      status: 400,
      data: {
        title: 'Invalid request',
        status: 400,
        detail: 'Validation failed',
        errors: [
          { field: 'email', message: 'Enter a valid email address.' },
          { field: 'email', message: 'second message is ignored' },
          { field: 'password', message: 'Use at least 8 characters.' },
        ],
      },
    });
    expect(info).toEqual({
      status: 400,
      detail: 'Validation failed',
      fieldErrors: { email: 'Enter a valid email address.', password: 'Use at least 8 characters.' },
      code: null,
      retryAfterSeconds: null,
    });
  });

  it('reports a network failure as status null', () => {
    expect(describeApiError({ status: 'FETCH_ERROR', error: 'TypeError: Failed to fetch' })).toEqual({
      status: null,
      detail: null,
      fieldErrors: {},
      code: null,
      retryAfterSeconds: null,
    });
  });

  it('tolerates a non-JSON error body', () => {
    expect(describeApiError({ status: 502, data: 'Bad gateway' })).toEqual({
      status: 502,
      detail: null,
      fieldErrors: {},
      code: null,
      retryAfterSeconds: null,
    });
  });

  it('keeps the stable code and the wait a 429 asks for', () => {
    const info = describeApiError({
      status: 429,
      data: { status: 429, code: 'RATE_LIMITED', detail: 'Slow down.', retryAfterSeconds: 42 },
    });
    expect(info).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 42, detail: 'Slow down.' });
  });
});
