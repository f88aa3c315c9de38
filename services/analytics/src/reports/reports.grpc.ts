import { Controller } from '@nestjs/common';
import { parseOrThrow, currentWorkspaceId } from '@meridian/platform';
import {
  ReportServiceControllerMethods,
  type GetContactsCreatedRequest,
  type GetContactsCreatedResponse,
  type ReportServiceController,
} from '@meridian/proto/analytics/v1/report_service';
import { ReportsService } from './reports.service.js';
import { contactsCreatedQuerySchema } from './reports.schemas.js';

@Controller()
@ReportServiceControllerMethods()
export class ReportsGrpcController implements ReportServiceController {
  constructor(private readonly reports: ReportsService) {}

  async getContactsCreated(request: GetContactsCreatedRequest): Promise<GetContactsCreatedResponse> {
    const workspaceId = currentWorkspaceId();
    const { from } = parseOrThrow(contactsCreatedQuerySchema, { from: request.fromDay || undefined });
    return { days: await this.reports.contactsCreated(workspaceId, from) };
  }
}
