import { serviceForPath } from './services.js';

describe('edge routing table', () => {
  it.each([
    ['/api/v1/auth/signup', 'users'],
    ['/api/v1/me', 'users'],
    ['/api/v1/invites/mi.x.y/accept', 'users'],
    ['/api/v1/members', 'users'],
    ['/api/v1/contacts', 'crm'],
    ['/api/v1/contacts/123', 'crm'],
    ['/api/v1/reports/contacts-created', 'analytics'],
    ['/api/v1/ai/model', 'ai'],
    ['/api/v1/channels', 'communication'],
    ['/t/open/abc', 'communication'],
    ['/api/v1/workflow-runs', 'workflow'],
  ])('routes %s to %s', (path, service) => {
    expect(serviceForPath(path)).toBe(service);
  });

  it('does not match a prefix inside a longer word', () => {
    expect(serviceForPath('/api/v1/contactsx')).toBeUndefined();
    expect(serviceForPath('/api/v1/unknown')).toBeUndefined();
  });
});
