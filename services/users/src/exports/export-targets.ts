import { GrpcClient } from '@meridian/platform';
import type { UsersConfig } from '../config.js';

/** A service whose <domain>.v1.ExportService contributes to the archive. */
export interface ExportTarget {
  service: string;
  client: Pick<GrpcClient, 'serverStream' | 'close'> | null;
}

const TARGETS = [
  { service: 'crm', env: 'CRM_GRPC_URL' },
  { service: 'workflow', env: 'WORKFLOW_GRPC_URL' },
  { service: 'communication', env: 'COMMUNICATION_GRPC_URL' },
  { service: 'analytics', env: 'ANALYTICS_GRPC_URL' },
] as const;

/** Clients for every exporting service; an unconfigured one is listed as skipped in the archive. */
export function exportTargetsFromConfig(config: UsersConfig): ExportTarget[] {
  return TARGETS.map(({ service, env }) => {
    const address = (config as Record<string, unknown>)[env] as string | undefined;
    return {
      service,
      client: address
        ? new GrpcClient({
            address,
            protoFile: `${service}/v1/export_service.proto`,
            service: `${service}.v1.ExportService`,
            deadlineMs: 60_000,
          })
        : null,
    };
  });
}

export const EXPORT_TARGETS = Symbol('EXPORT_TARGETS');
