export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  companyName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactPage {
  data: Contact[];
  nextCursor: string | null;
}

export interface CreateContactRequest {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  companyName?: string;
}
