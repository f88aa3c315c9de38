import type { Preferences, PreferencesPatch } from './preferences.schema.js';

/**
 * Where user preferences live: Firestore in the cloud, Postgres on one machine. Both
 * adapters pass the same contract suite (test/contracts/preference-store.contract-spec.ts).
 */
export interface PreferenceStore {
  get(workspaceId: string, userId: string): Promise<Preferences>;
  /** Applies the patch atomically (concurrent patches to different keys both survive). */
  update(workspaceId: string, userId: string, patch: PreferencesPatch): Promise<Preferences>;
  /** Removes a user's preferences in a workspace (member removed, account erased). */
  remove(workspaceId: string, userId: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const PREFERENCE_STORE = Symbol('PREFERENCE_STORE');
