import type { SerializedError } from '@reduxjs/toolkit';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';

/** RFC 9457 problem details as the Meridian API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** Stable machine-readable reason, e.g. VALIDATION_FAILED, CONFLICT. */
  code?: string;
  errors?: Array<{ field: string; message: string }>;
  /** Added by the base query from a 429's Retry-After header. */
  retryAfterSeconds?: number;
}

export interface ApiErrorInfo {
  /** HTTP status, or null when the server could not be reached / answered garbage. */
  status: number | null;
  /** The server's human-readable explanation, if any. */
  detail: string | null;
  /** Field-level validation messages keyed by field name. */
  fieldErrors: Record<string, string>;
  /** The server's stable reason (problem `code`), if any. */
  code: string | null;
  /** For 429: how long the server asks the client to wait, if it said. */
  retryAfterSeconds: number | null;
}

function isFetchBaseQueryError(error: unknown): error is FetchBaseQueryError {
  return typeof error === 'object' && error !== null && 'status' in error;
}

function asProblem(data: unknown): Problem | null {
  return typeof data === 'object' && data !== null ? (data as Problem) : null;
}

/** Normalises any RTK Query error into status, detail and per-field messages. */
export function describeApiError(error: FetchBaseQueryError | SerializedError | undefined | unknown): ApiErrorInfo {
  const info: ApiErrorInfo = { status: null, detail: null, fieldErrors: {}, code: null, retryAfterSeconds: null };
  if (!isFetchBaseQueryError(error)) return info;
  if (typeof error.status !== 'number') return info;

  info.status = error.status;
  const problem = asProblem(error.data);
  if (!problem) return info;
  info.detail = problem.detail ?? problem.title ?? null;
  info.code = typeof problem.code === 'string' ? problem.code : null;
  if (typeof problem.retryAfterSeconds === 'number') info.retryAfterSeconds = problem.retryAfterSeconds;
  for (const item of problem.errors ?? []) {
    if (item && typeof item.field === 'string' && !(item.field in info.fieldErrors)) {
      info.fieldErrors[item.field] = item.message;
    }
  }
  return info;
}
