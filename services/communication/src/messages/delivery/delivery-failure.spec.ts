import { classifyFailure } from './delivery-failure.js';

const smtpError = (code: string, responseCode: number | undefined, command: string, response?: string) =>
  Object.assign(new Error('failed'), { code, responseCode, command, response });

describe('classifyFailure', () => {
  it('fails a recipient refused with 5xx at once, without blaming the provider', () => {
    expect(classifyFailure(smtpError('EENVELOPE', 550, 'RCPT TO', '550 5.1.1 No such user'), 30_000)).toEqual({
      permanent: true,
      providerFault: false,
      summary: 'EENVELOPE 550 on RCPT TO: 550 5.1.1 No such user',
    });
  });

  it('retries other 5xx replies (providers answer 5xx during incidents) and counts them as provider faults', () => {
    expect(classifyFailure(smtpError('EMESSAGE', 554, 'DATA', '554 Transaction failed'), 30_000)).toMatchObject({
      permanent: false,
      providerFault: true,
    });
  });

  it('treats 4xx as temporary; greylisting of one recipient is not a provider outage', () => {
    expect(classifyFailure(smtpError('EENVELOPE', 421, 'MAIL FROM', '421 Try later'), 30_000)).toMatchObject({
      permanent: false,
      providerFault: true,
    });
    expect(classifyFailure(smtpError('EENVELOPE', 450, 'RCPT TO', '450 Greylisted'), 30_000)).toMatchObject({
      permanent: false,
      providerFault: false,
    });
  });

  it('treats timeouts, dropped connections and authentication failures as temporary provider faults', () => {
    for (const code of ['ETIMEDOUT', 'ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS']) {
      expect(classifyFailure(smtpError(code, undefined, 'CONN'), 30_000)).toMatchObject({ permanent: false, providerFault: true });
    }
    expect(classifyFailure(smtpError('EAUTH', 535, 'AUTH PLAIN', '535 Invalid login'), 30_000)).toMatchObject({
      permanent: false,
      providerFault: true,
    });
  });

  it('reports its own deadline as a timeout', () => {
    const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'EABORT' });
    expect(classifyFailure(aborted, 45_000)).toEqual({
      permanent: false,
      providerFault: true,
      summary: 'ETIMEDOUT: no answer from the SMTP server within 45000 ms',
    });
  });

  it('fails a message that cannot be composed or addressed without retrying', () => {
    expect(classifyFailure(smtpError('EENVELOPE', undefined, 'API'), 30_000)).toMatchObject({ permanent: true, providerFault: false });
  });

  it('keeps the summary to one bounded line', () => {
    const long = smtpError('EMESSAGE', 554, 'DATA', `554 ${'x'.repeat(2000)}\r\nsecond line`);
    const { summary } = classifyFailure(long, 30_000);
    expect(summary).not.toMatch(/[\r\n]/);
    expect(summary.length).toBeLessThanOrEqual(501);
  });
});
