import { runServiceMain } from '@meridian/platform';
import { aiService } from './service.js';

runServiceMain(aiService);
