import { describeSecuritySuite } from '@meridian/platform/testing';
import { communicationService } from '../src/service.js';

describeSecuritySuite(communicationService);
