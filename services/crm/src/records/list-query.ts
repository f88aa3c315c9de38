import { z } from 'zod';

/** Query string of `GET /api/v1/<object>`: parsed here, checked against the object later. */
export const listQuerySchema = z.object({
  filter: z.string().max(20_000).optional(),
  sort: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(200, 'limit must be at most 200.').default(50),
  cursor: z.string().max(2_000).optional(),
  fields: z.string().max(2_000).optional(),
  total: z
    .enum(['true', 'false'], { error: 'total is true or false.' })
    .optional()
    .transform((v) => v === 'true'),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const aggregateQuerySchema = z.object({
  groupBy: z.string().min(1, 'Choose a field to group by.').max(100),
  metric: z.enum(['count', 'sum', 'avg', 'min', 'max'], { error: 'metric is count, sum, avg, min or max.' }).default('count'),
  field: z.string().max(100).optional(),
  filter: z.string().max(20_000).optional(),
});
export type AggregateQuery = z.infer<typeof aggregateQuerySchema>;

export const recordIdSchema = z.string().uuid('Record ids are UUIDs.');
