import { Inject, Injectable } from '@nestjs/common';
import { WAREHOUSE, type DailyCount, type Warehouse } from '../warehouse/warehouse.js';

const DEFAULT_DAYS = 30;

@Injectable()
export class ReportsService {
  constructor(@Inject(WAREHOUSE) private readonly warehouse: Warehouse) {}

  /** Contacts created per day in the workspace over the last 30 days (or from `fromDay`). */
  contactsCreated(workspaceId: string, fromDay?: string): Promise<DailyCount[]> {
    const from = fromDay ?? new Date(Date.now() - (DEFAULT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    return this.warehouse.contactsCreatedPerDay(workspaceId, from);
  }
}
