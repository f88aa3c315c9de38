import type { StageInput } from './dto/pipeline.schemas.js';

/** The pipeline every workspace starts with (docs/crm-api.md "Pipelines"). */
export const DEFAULT_PIPELINE_NAME = 'Sales';

export const DEFAULT_STAGES: readonly StageInput[] = [
  { name: 'Qualification', probability: 10, kind: 'open' },
  { name: 'Meeting booked', probability: 20, kind: 'open' },
  { name: 'Proposal', probability: 50, kind: 'open' },
  { name: 'Negotiation', probability: 75, kind: 'open' },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];
