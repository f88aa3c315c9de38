import type { TenantDatabase } from '@meridian/platform';
import type { PreferenceStore } from './preference-store.js';
import { mergePreferences, type Preferences, type PreferencesPatch } from './preferences.schema.js';

/** Embedded default: one jsonb row per (workspace, user) in users.user_preferences, under RLS. */
export class PostgresPreferenceStore implements PreferenceStore {
  constructor(private readonly db: TenantDatabase) {}

  async get(workspaceId: string, userId: string): Promise<Preferences> {
    const rows: { preferences: unknown }[] = await this.db.inWorkspace(workspaceId, (m) =>
      m.query('SELECT preferences FROM users.user_preferences WHERE workspace_id = $1 AND user_id = $2', [workspaceId, userId]),
    );
    return mergePreferences(rows[0]?.preferences ?? {});
  }

  async update(workspaceId: string, userId: string, patch: PreferencesPatch): Promise<Preferences> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      // Lock the row (or the absence of it) so concurrent patches merge instead of overwrite.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`prefs:${workspaceId}:${userId}`]);
      const rows: { preferences: unknown }[] = await m.query(
        'SELECT preferences FROM users.user_preferences WHERE workspace_id = $1 AND user_id = $2',
        [workspaceId, userId],
      );
      const next = mergePreferences(rows[0]?.preferences ?? {}, patch);
      await m.query(
        `INSERT INTO users.user_preferences (workspace_id, user_id, preferences, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET preferences = EXCLUDED.preferences, updated_at = now()`,
        [workspaceId, userId, next],
      );
      return next;
    });
  }

  async remove(workspaceId: string, userId: string): Promise<void> {
    await this.db.inWorkspace(workspaceId, (m) =>
      m.query('DELETE FROM users.user_preferences WHERE workspace_id = $1 AND user_id = $2', [workspaceId, userId]),
    );
  }

  async ping(): Promise<void> {
    await this.db.dataSource.query('SELECT 1');
  }

  async close(): Promise<void> {
    // The data source belongs to the platform module.
  }
}
