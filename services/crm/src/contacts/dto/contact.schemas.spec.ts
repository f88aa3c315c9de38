import { createContactSchema } from './contact.schemas.js';

describe('createContactSchema', () => {
  it('normalises email case and phones to E.164', () => {
    const parsed = createContactSchema.parse({ firstName: ' Ada ', lastName: 'L', email: 'ADA@Example.COM', phone: '+44 20 7946 0958' });
    expect(parsed).toEqual({ firstName: 'Ada', lastName: 'L', email: 'ada@example.com', phone: '+442079460958', companyName: null });
  });

  it('treats an empty phone as none and rejects numbers without a country code', () => {
    expect(createContactSchema.parse({ firstName: 'a', lastName: 'b', email: 'a@b.co', phone: '' }).phone).toBeNull();
    const bad = createContactSchema.safeParse({ firstName: 'a', lastName: 'b', email: 'a@b.co', phone: '020 7946 0958' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['phone']);
  });

  it('drops fields a client must not set', () => {
    const parsed = createContactSchema.parse({ firstName: 'a', lastName: 'b', email: 'a@b.co', workspaceId: 'x', id: 'y', createdBy: 'z' });
    expect(Object.keys(parsed).sort()).toEqual(['companyName', 'email', 'firstName', 'lastName', 'phone']);
  });
});
