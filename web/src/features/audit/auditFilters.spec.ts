import { describe, expect, it } from '@jest/globals';
import { isBackwardsRange, readAuditFilters, toAuditQuery } from './auditFilters';

describe('audit log filters', () => {
  it('keeps only values the server accepts', () => {
    const filters = readAuditFilters(
      new URLSearchParams('action=member.role_changed&outcome=maybe&actor=x;drop table&from=2030-01-01&to=yesterday'),
    );
    expect(filters).toEqual({ action: 'member.role_changed', outcome: '', actor: '', from: '2030-01-01', to: '' });
    expect(readAuditFilters(new URLSearchParams('action=unknown.thing')).action).toBe('');
  });

  it('turns calendar days into an inclusive range of local days', () => {
    const query = toAuditQuery({ action: '', outcome: 'failure', actor: '', from: '2030-01-01', to: '2030-01-01' });
    expect(query.outcome).toBe('failure');
    const from = new Date(query.from as string);
    const to = new Date(query.to as string);
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([2030, 0, 1, 0]);
    expect([to.getFullYear(), to.getMonth(), to.getDate(), to.getHours()]).toEqual([2030, 0, 2, 0]);
  });

  it('sends no filter it was not given', () => {
    expect(toAuditQuery({ action: '', outcome: '', actor: '', from: '', to: '' })).toEqual({});
  });

  it('spots a range that ends before it starts', () => {
    expect(isBackwardsRange({ action: '', outcome: '', actor: '', from: '2030-02-01', to: '2030-01-01' })).toBe(true);
    expect(isBackwardsRange({ action: '', outcome: '', actor: '', from: '2030-01-01', to: '2030-01-01' })).toBe(false);
  });
});
