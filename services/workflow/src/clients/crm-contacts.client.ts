import { GrpcClient } from '@meridian/platform';
import type { Contact, GetContactRequest, GetContactResponse } from '@meridian/proto/crm/v1/contact_service';

export const CRM_CONTACTS = Symbol('CRM_CONTACTS');

/** Reads contacts from crm over gRPC, with deadline and tenant metadata. */
export class CrmContactsClient {
  private readonly grpc: GrpcClient;

  constructor(address: string, deadlineMs: number) {
    this.grpc = new GrpcClient({ address, protoFile: 'crm/v1/contact_service.proto', service: 'crm.v1.ContactService', deadlineMs });
  }

  async getContact(workspaceId: string, contactId: string): Promise<Contact | undefined> {
    const res = await this.grpc.call<GetContactRequest, GetContactResponse>('getContact', { contactId }, { workspaceId });
    return res.contact;
  }

  close(): void {
    this.grpc.close();
  }
}
