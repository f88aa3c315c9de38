import { Controller } from '@nestjs/common';
import { TenantDatabase, currentWorkspaceId } from '@meridian/platform';
import {
  TriggerServiceControllerMethods,
  type ListTriggersRequest,
  type ListTriggersResponse,
  type TriggerServiceController,
} from '@meridian/proto/workflow/v1/trigger_service';
import { TriggerEntity } from './trigger.entity.js';

@Controller()
@TriggerServiceControllerMethods()
export class TriggersGrpcController implements TriggerServiceController {
  constructor(private readonly db: TenantDatabase) {}

  async listTriggers(request: ListTriggersRequest): Promise<ListTriggersResponse> {
    const workspaceId = currentWorkspaceId();
    const take = Math.min(Math.max(request.pageSize || 50, 1), 200);
    const rows = await this.db.inWorkspace(workspaceId, (m) =>
      m.find(TriggerEntity, { where: { workspaceId }, order: { observedAt: 'DESC' }, take }),
    );
    return {
      triggers: rows.map((t) => ({
        eventId: t.eventId,
        eventType: t.eventType,
        subjectId: t.subjectId,
        subjectLabel: t.subjectLabel,
        observedAt: t.observedAt.toISOString(),
      })),
    };
  }
}
