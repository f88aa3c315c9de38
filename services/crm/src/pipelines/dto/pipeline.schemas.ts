import { z } from 'zod';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

const name = (what: string) =>
  z
    .string({ error: `Enter a ${what} name.` })
    .trim()
    .min(1, `Enter a ${what} name.`)
    .max(100, `A ${what} name has at most 100 characters.`);
const probability = z
  .number({ error: 'probability is a whole number from 0 to 100.' })
  .int('probability is a whole number from 0 to 100.')
  .min(0, 'probability is a whole number from 0 to 100.')
  .max(100, 'probability is a whole number from 0 to 100.');
const kind = z.enum(STAGE_KINDS, { error: 'kind is open, won or lost.' });
const position = z.number().int('position is a whole number.').min(0, 'position starts at 0.').max(10_000);

/** A stage as given when a pipeline is created; a missing probability follows the kind (won 100, else 0). */
const stageInputSchema = z
  .object({ name: name('stage'), probability: probability.optional(), kind: kind.default('open') })
  .transform((s) => ({ ...s, probability: s.probability ?? (s.kind === 'won' ? 100 : 0) }));

/** Body of POST /api/v1/pipelines. Without stages the pipeline gets the default sales stages. */
export const createPipelineSchema = z
  .object({
    name: name('pipeline'),
    stages: z.array(stageInputSchema).min(3, 'A pipeline needs at least an open, a won and a lost stage.').max(50).optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.stages) return;
    for (const k of STAGE_KINDS) {
      if (!p.stages.some((s) => s.kind === k))
        ctx.addIssue({ code: 'custom', path: ['stages'], message: `A pipeline needs at least one ${k} stage.` });
    }
    const seen = new Set<string>();
    p.stages.forEach((s, i) => {
      const key = s.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'name'], message: 'Stage names are unique within a pipeline.' });
      seen.add(key);
    });
  });
export type CreatePipelineInput = z.infer<typeof createPipelineSchema>;
export type StageInput = z.infer<typeof stageInputSchema>;

/** Body of PATCH /api/v1/pipelines/:id. */
export const updatePipelineSchema = z
  .object({
    name: name('pipeline').optional(),
    isDefault: z.literal(true, { error: 'Make another pipeline the default instead (isDefault: true on it).' }).optional(),
    position: position.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one of name, isDefault, position.', path: ['(body)'] });
export type UpdatePipelineInput = z.infer<typeof updatePipelineSchema>;

/** Body of POST /api/v1/pipelines/:id/stages. Without a position an open stage goes before the closed ones. */
export const createStageSchema = z.object({
  name: name('stage'),
  probability: probability.optional(),
  kind: kind.default('open'),
  position: position.optional(),
});
export type CreateStageInput = z.infer<typeof createStageSchema>;

/** Body of PATCH /api/v1/pipelines/:id/stages/:stageId. */
export const updateStageSchema = z
  .object({ name: name('stage').optional(), probability: probability.optional(), kind: kind.optional(), position: position.optional() })
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one of name, probability, kind, position.', path: ['(body)'] });
export type UpdateStageInput = z.infer<typeof updateStageSchema>;

export const deleteStageQuerySchema = z.object({ moveTo: z.uuid('moveTo is a stage id (UUID).').optional() });

export const pipelineIdSchema = z.uuid('Pipeline ids are UUIDs.');
export const stageIdSchema = z.uuid('Stage ids are UUIDs.');
