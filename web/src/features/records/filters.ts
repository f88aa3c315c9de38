import type { FilterCondition, FilterGroup, FilterNode, FilterOp } from './types';

// The filter builder edits one level of nesting: a top-level match-all/any list of
// conditions and groups of conditions. The API accepts deeper trees; people rarely need them.

export type Mode = 'and' | 'or';

export interface DraftCondition {
  field: string;
  op: FilterOp;
  /** What the user typed; `between` keeps two values. */
  value: string | string[];
}

export interface DraftGroup {
  mode: Mode;
  conditions: DraftCondition[];
}

export interface DraftFilter {
  mode: Mode;
  items: Array<DraftCondition | DraftGroup>;
}

export const isGroup = (item: DraftCondition | DraftGroup): item is DraftGroup => 'conditions' in item;
export const noValueOps: FilterOp[] = ['isEmpty', 'isNotEmpty'];

export type ValueKind = 'number' | 'text' | 'boolean';

function convertValue(condition: DraftCondition, kind: ValueKind): unknown {
  const one = (raw: string): unknown => {
    const trimmed = raw.trim();
    if (kind === 'number') return Number(trimmed);
    if (kind === 'boolean') return trimmed === 'true';
    return trimmed;
  };
  if (noValueOps.includes(condition.op)) return undefined;
  if (condition.op === 'between') {
    const [from = '', to = ''] = Array.isArray(condition.value) ? condition.value : [condition.value, ''];
    return [one(from), one(to)];
  }
  if (condition.op === 'in') {
    const list = Array.isArray(condition.value) ? condition.value : condition.value.split(',');
    return list
      .map((v) => v.trim())
      .filter(Boolean)
      .map(one);
  }
  return one(Array.isArray(condition.value) ? (condition.value[0] ?? '') : condition.value);
}

/** A condition is complete when it needs no value or has one. */
export function isComplete(condition: DraftCondition): boolean {
  if (!condition.field) return false;
  if (noValueOps.includes(condition.op)) return true;
  if (condition.op === 'between')
    return Array.isArray(condition.value) && condition.value.length === 2 && condition.value.every((v) => v.trim() !== '');
  return Array.isArray(condition.value) ? condition.value.some((v) => v.trim() !== '') : condition.value.trim() !== '';
}

function toCondition(draft: DraftCondition, kindOf: (field: string) => ValueKind): FilterCondition {
  const value = convertValue(draft, kindOf(draft.field));
  return value === undefined ? { field: draft.field, op: draft.op } : { field: draft.field, op: draft.op, value };
}

/** The API's `filter` JSON for a draft, leaving out incomplete conditions; null when nothing is left. */
export function toApiFilter(draft: DraftFilter, kindOf: (field: string) => ValueKind): FilterGroup | null {
  const nodes: FilterNode[] = [];
  for (const item of draft.items) {
    if (isGroup(item)) {
      const conditions = item.conditions.filter(isComplete).map((c) => toCondition(c, kindOf));
      if (conditions.length === 1) nodes.push(conditions[0]!);
      else if (conditions.length > 1) nodes.push(item.mode === 'and' ? { and: conditions } : { or: conditions });
    } else if (isComplete(item)) {
      nodes.push(toCondition(item, kindOf));
    }
  }
  if (nodes.length === 0) return null;
  return draft.mode === 'and' ? { and: nodes } : { or: nodes };
}

const draftValue = (value: unknown): string | string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined || value === null ? '' : String(value);

function fromCondition(node: FilterCondition): DraftCondition {
  return { field: node.field, op: node.op, value: draftValue(node.value) };
}

const groupParts = (node: FilterGroup): [Mode, FilterNode[]] => ('and' in node ? ['and', node.and] : ['or', node.or]);

/** A saved filter back into the builder (deeper nesting is flattened into its group). */
export function fromApiFilter(filter: FilterGroup | null | undefined): DraftFilter {
  if (!filter) return { mode: 'and', items: [] };
  const [mode, nodes] = groupParts(filter);
  const flatten = (node: FilterNode): DraftCondition[] => ('field' in node ? [fromCondition(node)] : groupParts(node)[1].flatMap(flatten));
  return {
    mode,
    items: nodes.map((node) => {
      if ('field' in node) return fromCondition(node);
      const [innerMode, inner] = groupParts(node);
      return { mode: innerMode, conditions: inner.flatMap(flatten) };
    }),
  };
}

/** Every condition of a filter, for the chips above the table. */
export function conditionsOf(filter: FilterGroup | null | undefined): FilterCondition[] {
  if (!filter) return [];
  const walk = (node: FilterNode): FilterCondition[] => ('field' in node ? [node] : groupParts(node)[1].flatMap(walk));
  return walk(filter);
}

/** The filter without its `index`-th condition (in `conditionsOf` order); null when empty. */
export function withoutCondition(filter: FilterGroup, index: number): FilterGroup | null {
  let seen = -1;
  const prune = (node: FilterNode): FilterNode | null => {
    if ('field' in node) {
      seen += 1;
      return seen === index ? null : node;
    }
    const [mode, nodes] = groupParts(node);
    const kept = nodes.map(prune).filter((n): n is FilterNode => n !== null);
    if (kept.length === 0) return null;
    return mode === 'and' ? { and: kept } : { or: kept };
  };
  const result = prune(filter);
  if (!result) return null;
  return 'field' in result ? { and: [result] } : result;
}
