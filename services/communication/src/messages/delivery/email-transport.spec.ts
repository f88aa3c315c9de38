import { fromDomain, smtpPoolOptions } from './email-transport.js';

describe('SMTP options from SMTP_URL', () => {
  it('requires STARTTLS when credentials go to another machine, and decodes them', () => {
    expect(smtpPoolOptions('smtp://mailer%40acme:p%40ss%3Aword@smtp.example.com:587', 10_000, 3)).toMatchObject({
      pool: true,
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      requireTLS: true,
      auth: { user: 'mailer@acme', pass: 'p@ss:word' },
      maxConnections: 3,
      maxRequeues: 0,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 10_000,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  });

  it('uses implicit TLS on 465 for smtps://', () => {
    expect(smtpPoolOptions('smtps://u:p@smtp.example.com', 5000, 1)).toMatchObject({ secure: true, port: 465, requireTLS: false });
  });

  it('allows plain SMTP without credentials (a relay or mail catcher) and to loopback', () => {
    expect(smtpPoolOptions('smtp://mail:1025', 5000, 1)).toMatchObject({ requireTLS: false, port: 1025 });
    expect(smtpPoolOptions('smtp://u:p@127.0.0.1:2525', 5000, 1)).toMatchObject({ requireTLS: false, host: '127.0.0.1' });
    expect(smtpPoolOptions('smtp://mail:1025', 5000, 1)).not.toHaveProperty('auth');
  });
});

describe('fromDomain', () => {
  it.each([
    ['Meridian <no-reply@meridian.local>', 'meridian.local'],
    ['alerts@acme.io', 'acme.io'],
    ['"Acme, Inc." <hello@mail.acme.io>', 'mail.acme.io'],
  ])('%s → %s', (from, domain) => {
    expect(fromDomain(from)).toBe(domain);
  });
});
