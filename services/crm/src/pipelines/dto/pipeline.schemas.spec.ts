import { createPipelineSchema, updatePipelineSchema } from './pipeline.schemas.js';

describe('pipeline schemas', () => {
  it('defaults a stage to open, and its probability to 100 for won and 0 otherwise', () => {
    const parsed = createPipelineSchema.parse({
      name: ' Renewals ',
      stages: [{ name: 'Due' }, { name: 'Won', kind: 'won' }, { name: 'Lost', kind: 'lost' }],
    });
    expect(parsed).toEqual({
      name: 'Renewals',
      stages: [
        { name: 'Due', kind: 'open', probability: 0 },
        { name: 'Won', kind: 'won', probability: 100 },
        { name: 'Lost', kind: 'lost', probability: 0 },
      ],
    });
  });

  it('requires an open, a won and a lost stage, and unique stage names', () => {
    const noLost = createPipelineSchema.safeParse({
      name: 'P',
      stages: [{ name: 'A' }, { name: 'B', kind: 'won' }, { name: 'C', kind: 'won' }],
    });
    expect(noLost.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['stages', 'A pipeline needs at least one lost stage.'],
    ]);
    const dupes = createPipelineSchema.safeParse({
      name: 'P',
      stages: [{ name: 'A' }, { name: 'a', kind: 'won' }, { name: 'L', kind: 'lost' }],
    });
    expect(dupes.error?.issues[0]?.path).toEqual(['stages', 1, 'name']);
  });

  it('refuses probabilities outside 0..100 and unknown kinds', () => {
    const bad = createPipelineSchema.safeParse({ name: 'P', stages: [{ name: 'A', probability: 101, kind: 'maybe' }] });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['stages.0.probability', 'stages.0.kind']));
  });

  it('only accepts isDefault: true and drops unknown keys', () => {
    expect(updatePipelineSchema.safeParse({ isDefault: false }).success).toBe(false);
    expect(updatePipelineSchema.parse({ name: 'X', workspaceId: 'w', id: 'i' })).toEqual({ name: 'X' });
  });
});
