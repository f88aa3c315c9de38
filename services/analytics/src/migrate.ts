import { runMigrateMain } from '@meridian/platform';
import { analyticsService } from './service.js';

runMigrateMain(analyticsService);
