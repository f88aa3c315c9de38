import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../../auth/principal.js';
import { can } from '../../auth/permissions.js';
import type { RouteInfo } from './route-catalog.js';

export interface MatrixFinding {
  route: string;
  role: Role;
  status: number;
}

/** Fills path parameters with fresh UUIDs (the guard answers before any lookup). */
export const concretePath = (path: string): string => path.replace(/:[A-Za-z]+/g, () => randomUUID());

/** Routes that declare no access rule: a defect in every service. */
export const undeclaredRoutes = (routes: RouteInfo[]): string[] => routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);

/**
 * Calls every permission-guarded route as each role that lacks the permission; returns
 * the calls that did not answer 403 (expected: none).
 */
export async function roleMatrixViolations(
  baseUrl: string,
  routes: RouteInfo[],
  tokenFor: (role: Role) => Promise<string>,
): Promise<MatrixFinding[]> {
  const findings: MatrixFinding[] = [];
  for (const route of routes) {
    if (route.access?.kind !== 'permission') continue;
    for (const role of ROLES) {
      if (can(role, route.access.permission)) continue;
      const res = await fetch(`${baseUrl}${concretePath(route.path)}`, {
        method: route.method,
        headers: { authorization: `Bearer ${await tokenFor(role)}`, 'content-type': 'application/json' },
        ...(['GET', 'HEAD'].includes(route.method) ? {} : { body: '{}' }),
      });
      await res.arrayBuffer();
      if (res.status !== 403) findings.push({ route: `${route.method} ${route.path}`, role, status: res.status });
    }
  }
  return findings;
}

/** The permission each role has on each guarded route, as a printable table. */
export function matrixTable(routes: RouteInfo[]): string[][] {
  return routes.map((r) => [
    `${r.method} ${r.path}`,
    r.access?.kind === 'permission' ? r.access.permission : (r.access?.kind ?? 'UNDECLARED'),
    ...ROLES.map((role) =>
      r.access?.kind === 'permission' ? (can(role, r.access.permission) ? 'yes' : '403') : r.access?.kind === 'public' ? 'public' : 'yes',
    ),
  ]);
}
