import { Controller } from '@nestjs/common';
import { parseOrThrow, currentWorkspaceId } from '@meridian/platform';
import {
  ContactServiceControllerMethods,
  type ContactServiceController,
  type GetContactRequest,
  type GetContactResponse,
} from '@meridian/proto/crm/v1/contact_service';
import { ContactsService } from './contacts.service.js';
import { contactMapper } from './contact.mapper.js';
import { contactIdSchema } from './dto/contact.schemas.js';

/** crm.v1.ContactService for other services; the workspace comes from call metadata. */
@Controller()
@ContactServiceControllerMethods()
export class ContactsGrpcController implements ContactServiceController {
  constructor(private readonly contacts: ContactsService) {}

  async getContact(request: GetContactRequest): Promise<GetContactResponse> {
    const workspaceId = currentWorkspaceId();
    const id = parseOrThrow(contactIdSchema, request.contactId);
    return { contact: contactMapper.toMessage(await this.contacts.get(workspaceId, id)) };
  }
}
