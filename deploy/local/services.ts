/** The six services, in start order, with the public path prefixes each one serves. */
export const SERVICES = [
  {
    name: 'users',
    prefixes: [
      '/api/v1/auth',
      '/api/v1/users',
      '/api/v1/workspaces',
      '/api/v1/roles',
      '/api/v1/api-keys',
      '/api/v1/audit-log',
      '/api/v1/me',
      '/api/v1/invites',
      '/api/v1/members',
    ],
  },
  {
    name: 'crm',
    prefixes: [
      '/api/v1/contacts',
      '/api/v1/companies',
      '/api/v1/deals',
      '/api/v1/pipelines',
      '/api/v1/activities',
      '/api/v1/tasks',
      '/api/v1/imports',
      '/api/v1/exports',
      '/api/v1/views',
      '/api/v1/fields',
      '/api/v1/search',
    ],
  },
  { name: 'ai', prefixes: ['/api/v1/ai'] },
  { name: 'workflow', prefixes: ['/api/v1/workflows', '/api/v1/workflow-runs', '/api/v1/approvals'] },
  { name: 'communication', prefixes: ['/api/v1/messages', '/api/v1/templates', '/api/v1/channels', '/t/'] },
  { name: 'analytics', prefixes: ['/api/v1/reports', '/api/v1/dashboards', '/api/v1/queries'] },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

/** The service serving a path, by the prefix table of docs/architecture.md. */
export function serviceForPath(path: string): ServiceName | undefined {
  for (const s of SERVICES) {
    for (const prefix of s.prefixes) {
      if (
        prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`)
      ) {
        return s.name;
      }
    }
  }
  return undefined;
}
