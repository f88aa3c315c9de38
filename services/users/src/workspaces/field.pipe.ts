import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { parseOrThrow } from '@meridian/platform';

/** Validates one path or query value; a failure is a 400 naming `field` (ZodValidationPipe would say "(body)"). */
export class FieldPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  private readonly wrapper: z.ZodType;

  constructor(
    private readonly field: string,
    schema: S,
  ) {
    this.wrapper = z.object({ [field]: schema });
  }

  transform(value: unknown): z.infer<S> {
    return (parseOrThrow(this.wrapper, { [this.field]: value }) as Record<string, z.infer<S>>)[this.field] as z.infer<S>;
  }
}
