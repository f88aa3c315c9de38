import { createContactSchema, patchContactSchema } from './contact.schemas.js';

describe('contact schemas', () => {
  it('normalises email case and phones to E.164', () => {
    const parsed = createContactSchema.parse({ firstName: ' Ada ', lastName: 'L', email: 'ADA@Example.COM', phone: '+44 20 7946 0958' });
    expect(parsed).toMatchObject({ firstName: 'Ada', lastName: 'L', email: 'ada@example.com', phone: '+442079460958', tags: [] });
  });

  it('treats an empty phone as none and rejects numbers without a country code', () => {
    expect(createContactSchema.parse({ firstName: 'a', lastName: 'b', email: 'a@b.co', phone: '' }).phone).toBeNull();
    const bad = createContactSchema.safeParse({ firstName: 'a', lastName: 'b', email: 'a@b.co', phone: '020 7946 0958' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['phone']);
  });

  it('drops fields a client must not set', () => {
    const parsed = createContactSchema.parse({ firstName: 'a', email: 'a@b.co', workspaceId: 'x', id: 'y', createdBy: 'z', role: 'owner' });
    for (const key of ['workspaceId', 'id', 'createdBy', 'role']) expect(parsed).not.toHaveProperty(key);
  });

  it('needs a name or an email, and names the field when neither is given', () => {
    const bad = createContactSchema.safeParse({ title: 'CEO' });
    expect(bad.error?.issues[0]?.path).toEqual(['firstName']);
    expect(createContactSchema.safeParse({ email: 'only@mail.co' }).success).toBe(true);
  });

  it('checks enums and dedupes tags', () => {
    expect(createContactSchema.safeParse({ firstName: 'a', lifecycleStage: 'king' }).error?.issues[0]?.path).toEqual(['lifecycleStage']);
    expect(createContactSchema.parse({ firstName: 'a', tags: ['vip', 'vip', 'eu'] }).tags).toEqual(['vip', 'eu']);
  });

  it('patches only what is sent; null clears optional fields', () => {
    expect(patchContactSchema.parse({ title: null })).toEqual({ title: null });
    expect(patchContactSchema.parse({})).toEqual({});
  });
});
