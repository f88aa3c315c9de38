import { runServiceMain } from '@meridian/platform';
import { workflowService } from './service.js';

runServiceMain(workflowService);
