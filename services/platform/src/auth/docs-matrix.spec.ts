import { readFileSync } from 'node:fs';
import { PERMISSIONS, ROLE_PERMISSIONS } from './permissions.js';
import { ROLES } from './principal.js';

/** docs/security.md prints the permission matrix: it must match the code. */
describe('docs/security.md permission matrix', () => {
  it('lists every permission with the roles that have it', () => {
    const doc = readFileSync(new URL('../../../../docs/security.md', import.meta.url), 'utf8');
    const rows = doc
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(rows.map((r) => r[0]!.replace(/`/g, ''))).toEqual([...PERMISSIONS]);
    for (const row of rows) {
      const permission = row[0]!.replace(/`/g, '') as (typeof PERMISSIONS)[number];
      expect(ROLES.map((role, i) => [role, row[i + 1] === 'yes'])).toEqual(
        ROLES.map((role) => [role, ROLE_PERMISSIONS[role].has(permission)]),
      );
    }
  });
});
