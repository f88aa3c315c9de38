import { describeSecuritySuite } from '@meridian/platform/testing';
import { workflowService } from '../src/service.js';

describeSecuritySuite(workflowService, { env: { CRM_GRPC_URL: '127.0.0.1:1' }, probe: false });
