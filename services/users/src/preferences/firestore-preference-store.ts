import { Firestore } from '@google-cloud/firestore';
import type { PreferenceStore } from './preference-store.js';
import { mergePreferences, type Preferences, type PreferencesPatch } from './preferences.schema.js';

/**
 * Production adapter: `workspaces/{workspaceId}/userPreferences/{userId}` documents in
 * Firestore (native mode). Updates run in a transaction so concurrent patches merge.
 */
export class FirestorePreferenceStore implements PreferenceStore {
  private readonly firestore: Firestore;

  constructor(options: { projectId: string; databaseId?: string }) {
    // FIRESTORE_EMULATOR_HOST, when set, points the client at the emulator.
    this.firestore = new Firestore({ projectId: options.projectId, ...(options.databaseId ? { databaseId: options.databaseId } : {}) });
  }

  private doc(workspaceId: string, userId: string) {
    return this.firestore.collection('workspaces').doc(workspaceId).collection('userPreferences').doc(userId);
  }

  async get(workspaceId: string, userId: string): Promise<Preferences> {
    const snap = await this.doc(workspaceId, userId).get();
    return mergePreferences(snap.exists ? snap.data() : {});
  }

  async update(workspaceId: string, userId: string, patch: PreferencesPatch): Promise<Preferences> {
    const ref = this.doc(workspaceId, userId);
    return this.firestore.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const next = mergePreferences(snap.exists ? snap.data() : {}, patch);
      tx.set(ref, { ...next, updatedAt: new Date().toISOString() });
      return next;
    });
  }

  async remove(workspaceId: string, userId: string): Promise<void> {
    await this.doc(workspaceId, userId).delete();
  }

  async ping(): Promise<void> {
    await this.firestore.listCollections();
  }

  async close(): Promise<void> {
    await this.firestore.terminate();
  }
}
