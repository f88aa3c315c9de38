import { Controller } from '@nestjs/common';
import { parseOrThrow, currentWorkspaceId } from '@meridian/platform';
import {
  ContactServiceControllerMethods,
  type ContactServiceController,
  type GetContactRequest,
  type GetContactResponse,
} from '@meridian/proto/crm/v1/contact_service';
import { recordIdSchema } from '../records/list-query.js';
import { ContactsService, contactToMessage } from './contacts.service.js';

/** crm.v1.ContactService for other services; the workspace comes from call metadata. */
@Controller()
@ContactServiceControllerMethods()
export class ContactsGrpcController implements ContactServiceController {
  constructor(private readonly contacts: ContactsService) {}

  async getContact(request: GetContactRequest): Promise<GetContactResponse> {
    const workspaceId = currentWorkspaceId();
    const id = parseOrThrow(recordIdSchema, request.contactId);
    return { contact: contactToMessage(await this.contacts.get(workspaceId, id), workspaceId) };
  }
}
