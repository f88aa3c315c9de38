import { runServiceMain } from '@meridian/platform';
import { crmService } from './service.js';

runServiceMain(crmService);
