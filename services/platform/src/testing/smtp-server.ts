import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message the test SMTP server accepted, with its MIME content decoded. */
export interface ReceivedEmail {
  /** Envelope sender (MAIL FROM) and recipients (RCPT TO). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** The authenticated user, when the server required AUTH. */
  user: string | undefined;
  raw: string;
  /** Top-level headers by lower-case name, unfolded, encoded words decoded. */
  headers: Record<string, string>;
  /** The text/plain and text/html parts, transfer encoding decoded, line breaks as \n. */
  text: string | undefined;
  html: string | undefined;
}

/** How the server answers a transaction: refuse at a stage with a reply code, or stall on DATA. */
export type SmtpFault = { stage: 'mail' | 'rcpt' | 'data'; code: number; message?: string } | { stage: 'data'; stall: true };

export interface TestSmtpServer {
  /** smtp://[user:pass@]127.0.0.1:port for SMTP_URL. */
  url: string;
  port: number;
  received: ReceivedEmail[];
  /** When each transaction (MAIL FROM) began, refused ones included: one entry per delivery attempt. */
  attempts: number[];
  /** The next `times` transactions get `fault`. */
  failNext(fault: SmtpFault, times?: number): void;
  /** Every transaction gets `fault` until recover() (an outage). */
  failAll(fault: SmtpFault): void;
  recover(): void;
  /** Forgets received messages and attempts. */
  reset(): void;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * A real SMTP server (the `smtp-server` package) on a free loopback port, for tests of code
 * that sends email. Plain SMTP (no STARTTLS); with `auth`, AUTH PLAIN/LOGIN is required.
 * Faults can be injected per transaction to test retries, timeouts and outages.
 */
export async function startSmtpServer(options: { auth?: { user: string; pass: string } } = {}): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const attempts: number[] = [];
  const queued: SmtpFault[] = [];
  let outage: SmtpFault | undefined;
  const plans = new Map<string, SmtpFault | undefined>();
  const stalled: (() => void)[] = [];
  const auth = options.auth;

  const server = new SMTPServer({
    logger: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    closeTimeout: 200,
    onAuth(login, _session, callback) {
      if (auth && login.username === auth.user && login.password === auth.pass) return callback(null, { user: login.username });
      return callback(smtpError(535, 'Authentication credentials invalid'));
    },
    onMailFrom(_address, session, callback) {
      attempts.push(Date.now());
      const plan = queued.shift() ?? outage;
      plans.set(session.id, plan);
      if (plan?.stage === 'mail' && 'code' in plan) return callback(smtpError(plan.code, plan.message ?? 'Refused'));
      return callback();
    },
    onRcptTo(_address, session, callback) {
      const plan = plans.get(session.id);
      if (plan?.stage === 'rcpt' && 'code' in plan) return callback(smtpError(plan.code, plan.message ?? 'Recipient refused'));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const plan = plans.get(session.id);
        if (plan?.stage === 'data' && 'stall' in plan) {
          // Never answer: the client's timeout has to end it. Released on close().
          stalled.push(() => callback(smtpError(451, 'Stalled')));
          return;
        }
        if (plan?.stage === 'data' && 'code' in plan) return callback(smtpError(plan.code, plan.message ?? 'Transaction failed'));
        received.push(parseReceived(Buffer.concat(chunks).toString('utf8'), session));
        return callback(null, 'OK: queued');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    received,
    attempts,
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) queued.push(fault);
    },
    failAll(fault) {
      outage = fault;
    },
    recover() {
      outage = undefined;
      queued.length = 0;
    },
    reset() {
      received.length = 0;
      attempts.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of stalled.splice(0)) release();
        server.close(() => resolve());
      }),
  };
}

function parseReceived(raw: string, session: SMTPServerSession): ReceivedEmail {
  const { headers, text, html } = parseMime(raw);
  const from = session.envelope.mailFrom;
  return {
    envelopeFrom: from ? from.address : '',
    envelopeTo: session.envelope.rcptTo.map((r) => r.address),
    user: typeof session.user === 'string' ? session.user : undefined,
    raw,
    headers,
    text,
    html,
  };
}

interface MimePart {
  headers: Record<string, string>;
  text: string | undefined;
  html: string | undefined;
}

/** A small MIME reader for tests: multipart/*, quoted-printable, base64, RFC 2047 words, UTF-8. */
export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = decodeWords(line.slice(colon + 1).trim());
  }
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    let text: string | undefined;
    let html: string | undefined;
    for (const part of parts) {
      if (part.startsWith('--')) break;
      const inner = parseMime(part.replace(/^\r?\n/, ''));
      text ??= inner.text;
      html ??= inner.html;
    }
    return { headers, text, html };
  }
  const content = decodeBody(body, headers['content-transfer-encoding'] ?? '7bit');
  return {
    headers,
    text: /^text\/plain/i.test(type) ? content : undefined,
    html: /^text\/html/i.test(type) ? content : undefined,
  };
}

function decodeBody(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  let out: string;
  if (enc === 'base64') out = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (enc === 'quoted-printable') out = decodeQuotedPrintable(body.replace(/=\r?\n/g, ''));
  else out = body;
  return out.replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=); whitespace between two words is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
