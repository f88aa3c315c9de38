import { CreateContacts1732240100000 } from './1732240100000-create-contacts.js';
import { CrmCore1763800000000 } from './1763800000000-crm-core.js';

/** Every migration of the crm schema, oldest first. Never edit one that has landed. */
export const crmMigrations = [CreateContacts1732240100000, CrmCore1763800000000];
