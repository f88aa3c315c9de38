import { runServiceMain } from '@meridian/platform';
import { analyticsService } from './service.js';

runServiceMain(analyticsService);
