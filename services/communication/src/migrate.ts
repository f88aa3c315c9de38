import { runMigrateMain } from '@meridian/platform';
import { communicationService } from './service.js';

runMigrateMain(communicationService);
