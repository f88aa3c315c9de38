import { EmailCategory } from '@meridian/proto/communication/v1/email_service';
import { sendEmailSchema } from './message.schemas.js';

const valid = {
  to: ' ada@example.com ',
  subject: 'Reset your password',
  text: 'Open https://app.example/reset?t=abc',
  html: '',
  category: EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET,
  idempotencyKey: 'reset:6f1c2d3e-0000-4000-8000-000000000001',
};

const fieldsOf = (input: object) => {
  const parsed = sendEmailSchema.safeParse(input);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].sort();
};

describe('SendEmail request schema', () => {
  it('normalises a valid request: trimmed address, category name, empty body part as null', () => {
    expect(sendEmailSchema.parse(valid)).toEqual({
      to: 'ada@example.com',
      subject: 'Reset your password',
      text: 'Open https://app.example/reset?t=abc',
      html: null,
      category: 'password_reset',
      idempotencyKey: valid.idempotencyKey,
    });
  });

  it('names each invalid field', () => {
    expect(
      fieldsOf({
        to: 'Ada <ada@example.com>',
        subject: '',
        text: '',
        html: '',
        category: EmailCategory.EMAIL_CATEGORY_UNSPECIFIED,
        idempotencyKey: '',
      }),
    ).toEqual(['category', 'idempotencyKey', 'subject', 'to']);
  });

  it('asks for a body when neither text nor HTML is given', () => {
    expect(fieldsOf({ ...valid, text: '  ', html: '' })).toEqual(['text']);
  });

  it.each([
    ['two recipients', { to: 'a@example.com, b@example.com' }],
    ['a header injection in the subject', { subject: 'Hi\r\nBcc: victim@example.com' }],
    ['an unknown category value', { category: 99 }],
    ['a key with spaces', { idempotencyKey: 'reset 1' }],
    ['an oversized HTML body', { html: 'x'.repeat(500_001) }],
  ])('refuses %s', (_name, patch) => {
    expect(sendEmailSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});
