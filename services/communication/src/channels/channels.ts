import type { EmailTransport } from '../messages/delivery/email-transport.js';

export interface ChannelInfo {
  kind: 'email' | 'sms';
  /** `smtp` or `dev-outbox`. */
  transport: string;
  /** True when nothing leaves the machine. */
  localOnly: boolean;
}

export const CHANNELS = Symbol('CHANNELS');

/** The channels this deployment sends on, read from the transports actually in use. */
export const channelsFrom = (email: EmailTransport): ChannelInfo[] => [
  { kind: 'email', transport: email.kind, localOnly: email.kind === 'dev-outbox' },
];
