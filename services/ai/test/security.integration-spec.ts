import { describeSecuritySuite } from '@meridian/platform/testing';
import { aiService } from '../src/service.js';

describeSecuritySuite(aiService);
