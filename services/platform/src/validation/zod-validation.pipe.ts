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
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  );
}
