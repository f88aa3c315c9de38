import { Controller } from '@nestjs/common';
import { parseOrThrow, currentWorkspaceId } from '@meridian/platform';
import {
  EmailServiceControllerMethods,
  type EmailServiceController,
  type SendEmailRequest,
  type SendEmailResponse,
} from '@meridian/proto/communication/v1/email_service';
import { sendEmailSchema } from './dto/message.schemas.js';
import { MessagesService } from './messages.service.js';

/** communication.v1.EmailService for other services; the workspace comes from call metadata. */
@Controller()
@EmailServiceControllerMethods()
export class EmailGrpcController implements EmailServiceController {
  constructor(private readonly messages: MessagesService) {}

  async sendEmail(request: SendEmailRequest): Promise<SendEmailResponse> {
    const workspaceId = currentWorkspaceId();
    const message = await this.messages.sendEmail(workspaceId, parseOrThrow(sendEmailSchema, request));
    return { messageId: message.id, status: message.status };
  }
}
