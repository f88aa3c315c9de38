import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationError } from '../errors/domain-error.js';

/** Parses a request part with a zod schema; failures become a 400 naming each field. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    return parseOrThrow(this.schema, value);
  }
}

/** Validates `value`, throwing a ValidationError whose errors[] names each invalid field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const nul = nulPaths(value);
  if (nul.length) throw new ValidationError(nul.map((field) => ({ field, message: 'Text cannot contain NUL (\\u0000) characters.' })));
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  );
}

/**
 * Where a NUL character hides in input (PostgreSQL text cannot store one, so it would fail
 * as a 500 deep in a write). Bounded: input is already size-capped by the body parser.
 */
function nulPaths(value: unknown, path: string[] = [], out: string[] = []): string[] {
  if (out.length >= 20 || path.length > 64) return out; // deeper input fails its schema anyway
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path.join('.') || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, [...path, String(i)], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push([...path, k.replace(/\u0000/g, '')].join('.'));
      nulPaths(v, [...path, k], out);
    }
  }
  return out;
}
