import type { EntityManager } from 'typeorm';
import { NotFoundError, type Principal } from '@meridian/platform';
import type { AnyRecordsService } from '../records.service.js';
import type { BulkRequest } from './bulk.schemas.js';

/**
 * Applies a bulk action to one record inside the caller's transaction, through the same
 * service path as a single PATCH/DELETE (validation, events with changes). Returns whether
 * the record was affected; records that are gone or not visible are skipped.
 */
export async function applyBulkAction(
  m: EntityManager,
  service: AnyRecordsService,
  principal: Principal,
  request: BulkRequest,
  id: string,
): Promise<boolean> {
  try {
    switch (request.action) {
      case 'delete':
        await service.removeIn(m, principal, id);
        return true;
      case 'assign':
        await service.updateIn(m, principal, id, { ownerId: request.ownerId });
        return true;
      case 'update':
        await service.updateIn(m, principal, id, service.def.patchSchema.parse(request.changes));
        return true;
      case 'tag':
      case 'untag': {
        const before = await service.findIn(m, principal.workspaceId, id, principal);
        if (!before) return false;
        const current = new Set<string>(before.tags as string[]);
        for (const tag of request.tags ?? []) {
          if (request.action === 'tag') current.add(tag);
          else current.delete(tag);
        }
        await service.updateIn(m, principal, id, { tags: [...current] });
        return true;
      }
    }
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}
