import type { AnyRecord } from '../records/types';

export type DuplicateObject = 'contacts' | 'companies';
export type DuplicateReason = 'email' | 'phone' | 'name_company' | 'domain' | 'name';

/** One suggestion of GET /<object>/duplicates: two records that look like the same one. */
export interface DuplicatePair {
  /** Stable key of the pair. */
  id: string;
  object: DuplicateObject;
  reason: DuplicateReason;
  /** 0–1. */
  score: number;
  records: [AnyRecord, AnyRecord];
}

export interface DuplicatePage {
  data: DuplicatePair[];
  nextCursor: string | null;
}

export interface MergeRequest {
  object: DuplicateObject;
  primaryId: string;
  duplicateIds: string[];
  /** Field key → id of the record whose value wins. */
  fieldChoices: Record<string, string>;
}
