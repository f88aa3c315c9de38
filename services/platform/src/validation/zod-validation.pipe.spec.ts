import { z } from 'zod';
import { ValidationError } from '../errors/domain-error.js';
import { parseOrThrow } from './zod-validation.pipe.js';

describe('parseOrThrow', () => {
  const schema = z.object({ name: z.string().min(1), address: z.object({ city: z.string() }) });

  it('names nested fields with dotted paths', () => {
    try {
      parseOrThrow(schema, { name: '', address: {} });
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).errors?.map((e) => e.field)).toEqual(['name', 'address.city']);
    }
  });

  it('returns the parsed value', () => {
    expect(parseOrThrow(schema, { name: 'a', address: { city: 'b' }, extra: 1 })).toEqual({ name: 'a', address: { city: 'b' } });
  });

  it('refuses NUL characters anywhere in input, naming where (PostgreSQL text cannot hold them)', () => {
    try {
      parseOrThrow(schema, { name: 'a\u0000b', address: { city: 'ok', tags: ['x', '\u0000'] } });
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).errors?.map((e) => e.field)).toEqual(['name', 'address.tags.1']);
    }
  });
});
