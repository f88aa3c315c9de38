/** The fields nodemailer puts on its errors (see nodemailer's NodemailerError). */
interface SmtpErrorFields {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  name?: string;
  message?: string;
}

/** What one failed attempt means for the message and for the provider. */
export interface DeliveryFailure {
  /** Retrying the same message cannot help (the recipient was refused for good, or the address is unusable). */
  permanent: boolean;
  /** The provider itself failed (unreachable, timed out, refused service): counts toward the circuit breaker. */
  providerFault: boolean;
  /** One line kept on the message as `lastError`: code, SMTP reply and command, never a stack or the body. */
  summary: string;
}

// Local composition problems: the same message would fail the same way on every attempt.
const LOCAL_PERMANENT = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM', 'EMAXRECIPIENTS', 'ECONFIG']);

const oneLine = (s: string, max = 500): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/**
 * Classifies a failed send. Policy (RFC 5321 reply classes, quality.md case 19):
 * - a 5xx refusal of the recipient (RCPT TO) is permanent: fail now, the provider is fine;
 * - any other 5xx (e.g. 554 at DATA) is retried with backoff up to the attempt limit, because
 *   providers answer 5xx during incidents too; it counts as a provider fault;
 * - 4xx, timeouts, refused or dropped connections, TLS and authentication errors are
 *   temporary and provider faults; a 4xx about one recipient (greylisting) is temporary only;
 * - errors raised before anything reached the server (invalid address, oversized message) are permanent.
 */
export function classifyFailure(error: unknown, deadlineMs: number): DeliveryFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpErrorFields;
  const reply = e.responseCode;
  const onRecipient = e.command?.toUpperCase().startsWith('RCPT') ?? false;
  if (e.code === 'EABORT' || e.name === 'AbortError') {
    return { permanent: false, providerFault: true, summary: `ETIMEDOUT: no answer from the SMTP server within ${deadlineMs} ms` };
  }
  const summary = oneLine(
    `${e.code ?? 'Error'}${reply ? ` ${reply}` : ''}${e.command ? ` on ${e.command}` : ''}: ${e.response ?? e.message ?? 'unknown error'}`,
  );
  if (reply && reply >= 500 && reply !== 503) return { permanent: onRecipient, providerFault: !onRecipient, summary };
  if (reply && reply >= 400) return { permanent: false, providerFault: !onRecipient, summary };
  if (!reply && e.code && LOCAL_PERMANENT.has(e.code)) return { permanent: true, providerFault: false, summary };
  return { permanent: false, providerFault: true, summary };
}
