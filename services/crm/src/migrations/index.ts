import { CreateContacts1732240100000 } from './1732240100000-create-contacts.js';
import { CrmCore1763800000000 } from './1763800000000-crm-core.js';
import { CrmTimelineIdempotency1763801000000 } from './1763801000000-crm-timeline-idempotency.js';
import { CrmSearchWords1763802000000 } from './1763802000000-crm-search-words.js';
import { CrmSearchKeys1763803000000 } from './1763803000000-crm-search-keys.js';
import { CrmSortKeys1763804000000 } from './1763804000000-crm-sort-keys.js';

/** Every migration of the crm schema, oldest first. Never edit one that has landed. */
export const crmMigrations = [
  CreateContacts1732240100000,
  CrmCore1763800000000,
  CrmTimelineIdempotency1763801000000,
  CrmSearchWords1763802000000,
  CrmSearchKeys1763803000000,
  CrmSortKeys1763804000000,
];
