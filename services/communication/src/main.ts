import { runServiceMain } from '@meridian/platform';
import { communicationService } from './service.js';

runServiceMain(communicationService);
