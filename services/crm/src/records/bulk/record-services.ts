import type { ObjectName } from '../object-definition.js';
import { ContactsService } from '../../contacts/contacts.service.js';
import { CompaniesService } from '../../companies/companies.service.js';
import { DealsService } from '../../deals/deals.service.js';

/** The service class of each object, for code that works on any object by name (bulk jobs, exports). */
export function recordServiceClass(object: ObjectName): typeof ContactsService | typeof CompaniesService | typeof DealsService {
  switch (object) {
    case 'contacts':
      return ContactsService;
    case 'companies':
      return CompaniesService;
    case 'deals':
      return DealsService;
  }
}
