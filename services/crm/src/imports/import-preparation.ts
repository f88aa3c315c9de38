import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { FieldDefinition, FieldType } from '../fields/field-definition.js';
import { CUSTOM_KEY, IGNORE, autoMap } from './import-catalog.js';
import { ColumnStats } from './field-inference.js';
import type { ColumnPlan } from './import-rows.js';
import { optionValue } from './import-rows.js';
import { PipelineIndex, closedKind } from './pipeline-index.js';
import type { ImportObject, ImportOptions } from './dto/import.schemas.js';

/** Distinct values remembered per column while surveying (bounded memory on any file). */
const DISTINCT_CAP = 1000;

interface FieldRow {
  id: string;
  object: ImportObject;
  key: string;
  label: string;
  type: FieldType;
  options: FieldDefinition['options'];
  required: boolean;
  position: number;
  created_at: Date;
  updated_at: Date;
}

export async function loadFieldDefinitions(m: EntityManager, object: ImportObject): Promise<Map<string, FieldDefinition>> {
  const rows = (await m.query(
    `SELECT id, object, key, label, type, options, required, position, created_at, updated_at
       FROM crm.field_definitions WHERE object = $1 ORDER BY position`,
    [object],
  )) as FieldRow[];
  return new Map(
    rows.map((r) => [
      r.key,
      {
        id: r.id,
        object: r.object,
        key: r.key,
        label: r.label,
        type: r.type,
        options: r.options,
        required: r.required,
        position: r.position,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      },
    ]),
  );
}

/** The file's columns with their targets: the explicit mapping, or the suggested one. */
export function planColumns(object: ImportObject, header: readonly string[], options: ImportOptions): ColumnPlan[] {
  const mapping = options.mapping ?? autoMap(object, header, options.createFields);
  return header
    .map((h, index) => ({ index, header: h.trim(), target: mapping[h] ?? mapping[h.trim()] ?? IGNORE }))
    .filter((p) => p.target !== IGNORE);
}

/** What the first pass over the file found: its size and what createFields must add. */
export class ImportSurvey {
  totalRows = 0;
  readonly newFields = new Map<string, { label: string; stats: ColumnStats }>();
  readonly missingOptions = new Map<string, Set<string>>();
  /** Deals: `pipeline name \u0000 stage name` pairs the file names. */
  readonly stages = new Set<string>();

  constructor(
    private readonly object: ImportObject,
    private readonly plans: readonly ColumnPlan[],
    private readonly fields: ReadonlyMap<string, FieldDefinition>,
    private readonly createFields: boolean,
  ) {
    if (!createFields) return;
    for (const p of plans) {
      const key = CUSTOM_KEY.exec(p.target)?.[1];
      if (key && !fields.has(key) && !this.newFields.has(key))
        this.newFields.set(key, { label: p.header || key, stats: new ColumnStats() });
    }
  }

  add(cells: readonly string[]): void {
    this.totalRows++;
    if (!this.createFields) return;
    let pipeline = '';
    let stage = '';
    for (const p of this.plans) {
      const raw = (cells[p.index] ?? '').trim();
      if (!raw) continue;
      if (p.target === 'pipeline') pipeline = raw;
      else if (p.target === 'stage') stage = raw;
      const key = CUSTOM_KEY.exec(p.target)?.[1];
      if (!key) continue;
      const fresh = this.newFields.get(key);
      if (fresh) {
        fresh.stats.add(raw);
        continue;
      }
      const def = this.fields.get(key);
      if (def?.type === 'select' || def?.type === 'multiSelect') {
        const values = def.type === 'multiSelect' ? raw.split(/[;,|]/).map((v) => v.trim()) : [raw];
        for (const v of values) {
          if (!v || def.options.some((o) => o.value === optionValue(def, v))) continue;
          const missing = this.missingOptions.get(key) ?? new Set<string>();
          if (missing.size < DISTINCT_CAP) missing.add(v.slice(0, 100));
          this.missingOptions.set(key, missing);
        }
      }
    }
    if (this.object === 'deals' && stage && this.stages.size < DISTINCT_CAP) this.stages.add(`${pipeline}\u0000${stage}`);
  }
}

/**
 * createFields: adds the custom fields, select options and deal stages the survey found
 * missing. Idempotent (a resumed import runs it again): existing keys are left alone.
 */
export async function applySurvey(m: EntityManager, workspaceId: string, object: ImportObject, survey: ImportSurvey): Promise<void> {
  if (survey.newFields.size) {
    const [{ next }] = (await m.query(`SELECT coalesce(max(position) + 1, 0)::int AS next FROM crm.field_definitions WHERE object = $1`, [
      object,
    ])) as [{ next: number }];
    let position = next;
    for (const [key, { label, stats }] of survey.newFields) {
      const { type, options } = stats.infer();
      await m.query(
        `INSERT INTO crm.field_definitions (id, workspace_id, object, key, label, type, options, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (workspace_id, object, key) DO NOTHING`,
        [
          randomUUID(),
          workspaceId,
          object,
          key,
          label.slice(0, 100),
          type,
          JSON.stringify(options.map((o) => ({ value: o, label: o }))),
          position++,
        ],
      );
    }
  }
  for (const [key, values] of survey.missingOptions) {
    const added = [...values].map((v) => ({ value: v, label: v }));
    await m.query(
      `UPDATE crm.field_definitions SET options = options || $3::jsonb, updated_at = date_trunc('milliseconds', clock_timestamp())
        WHERE object = $1 AND key = $2`,
      [object, key, JSON.stringify(added)],
    );
  }
  if (object !== 'deals' || survey.stages.size === 0) return;
  const index = await PipelineIndex.load(m);
  for (const pair of survey.stages) {
    const [pipelineName, stageName] = pair.split('\u0000') as [string, string];
    const pipeline = index.pipeline(pipelineName || undefined);
    if (!pipeline || index.stage(pipeline, stageName) || closedKind(stageName)) continue;
    await index.addStage(m, workspaceId, pipeline, stageName);
  }
}
