import type { DataSource, EntityManager } from 'typeorm';
import { currentContext } from '../logging/request-context.js';
import { UnauthenticatedError } from '../errors/domain-error.js';

/**
 * The only way services reach tenant tables: a transaction whose first statement sets
 * `app.workspace_id` with SET LOCAL semantics (set_config(..., true)), so RLS applies and
 * the setting dies with the transaction — it can never leak through the pool.
 */
export class TenantDatabase {
  constructor(readonly dataSource: DataSource) {}

  /** Runs `fn` in a transaction scoped to `workspaceId`. */
  async inWorkspace<T>(workspaceId: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.workspace_id', $1, true)`, [workspaceId]);
      return await fn(manager);
    });
  }

  /** Runs `fn` in a transaction scoped to the current request's workspace. */
  async transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const workspaceId = currentContext()?.workspaceId;
    if (!workspaceId) throw new UnauthenticatedError('No workspace in the request context.');
    return this.inWorkspace(workspaceId, fn);
  }
}
