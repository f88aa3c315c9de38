import type { Contact as ContactMessage } from '@meridian/proto/crm/v1/contact_service';
import type { ContactEntity } from './contact.entity.js';

/** The REST representation of a contact. */
export interface ContactDto {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  companyName: string | null;
  createdAt: string;
  updatedAt: string;
}

export const contactMapper = {
  toDto(e: ContactEntity): ContactDto {
    return {
      id: e.id,
      firstName: e.firstName,
      lastName: e.lastName,
      email: e.email,
      phone: e.phone,
      companyName: e.companyName,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  },
  toMessage(e: ContactEntity): ContactMessage {
    return {
      id: e.id,
      workspaceId: e.workspaceId,
      firstName: e.firstName,
      lastName: e.lastName,
      email: e.email,
      ...(e.phone ? { phone: e.phone } : {}),
      ...(e.companyName ? { companyName: e.companyName } : {}),
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  },
};
