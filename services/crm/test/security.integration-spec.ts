import { describeSecuritySuite } from '@meridian/platform/testing';
import { crmService } from '../src/service.js';

describeSecuritySuite(crmService);
