import { Controller } from '@nestjs/common';
import { NotFoundError, TenantDatabase, currentWorkspaceId } from '@meridian/platform';
import {
  WorkspaceServiceControllerMethods,
  type GetWorkspaceRequest,
  type GetWorkspaceResponse,
  type WorkspaceServiceController,
} from '@meridian/proto/users/v1/workspace_service';
import { WorkspaceEntity } from './workspace.entity.js';

/** users.v1.WorkspaceService: the caller may only read its own workspace. */
@Controller()
@WorkspaceServiceControllerMethods()
export class WorkspacesGrpcController implements WorkspaceServiceController {
  constructor(private readonly db: TenantDatabase) {}

  async getWorkspace(request: GetWorkspaceRequest): Promise<GetWorkspaceResponse> {
    const workspaceId = currentWorkspaceId();
    if (request.workspaceId && request.workspaceId !== workspaceId) throw new NotFoundError('Workspace');
    const ws = await this.db.inWorkspace(workspaceId, (m) => m.findOneBy(WorkspaceEntity, { id: workspaceId }));
    if (!ws) throw new NotFoundError('Workspace');
    return { workspace: { id: ws.id, name: ws.name, createdAt: ws.createdAt.toISOString() } };
  }
}
