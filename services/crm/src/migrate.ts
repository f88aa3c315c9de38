import { runMigrateMain } from '@meridian/platform';
import { crmService } from './service.js';

runMigrateMain(crmService);
