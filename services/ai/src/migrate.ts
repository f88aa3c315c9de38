import { runMigrateMain } from '@meridian/platform';
import { aiService } from './service.js';

runMigrateMain(aiService);
