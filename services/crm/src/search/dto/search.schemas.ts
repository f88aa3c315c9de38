import { z } from 'zod';

export const SEARCH_OBJECTS = ['contacts', 'companies', 'deals'] as const;
export type SearchObject = (typeof SEARCH_OBJECTS)[number];

/** Query of GET /api/v1/search. Long inputs are refused rather than silently cut. */
export const searchQuerySchema = z.object({
  q: z
    .string({ error: 'Enter something to search for.' })
    .trim()
    .min(1, 'Enter something to search for.')
    .max(200, 'A search has at most 200 characters.'),
  limit: z.coerce
    .number({ error: 'limit is a number.' })
    .int('limit is a whole number.')
    .min(1, 'limit is at least 1.')
    .max(50, 'limit is at most 50.')
    .default(10),
  objects: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return [...SEARCH_OBJECTS];
      const parts = [...new Set(raw.split(',').map((p) => p.trim()))];
      const unknown = parts.filter((p) => !(SEARCH_OBJECTS as readonly string[]).includes(p));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `objects is a comma list of ${SEARCH_OBJECTS.join(', ')}.` });
        return z.NEVER;
      }
      return parts as SearchObject[];
    }),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** One search hit, whatever the object. */
export interface SearchHit {
  object: SearchObject;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}
