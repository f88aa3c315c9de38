import { runMigrateMain } from '@meridian/platform';
import { workflowService } from './service.js';

runMigrateMain(workflowService);
