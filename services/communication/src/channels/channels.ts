import type { CommunicationConfig } from '../config.js';

export interface ChannelInfo {
  kind: 'email' | 'sms';
  /** `smtp` or `dev-outbox`. */
  transport: string;
  /** True when nothing leaves the machine. */
  localOnly: boolean;
}

export const CHANNELS = Symbol('CHANNELS');

/** The channels this deployment can send on, derived from config. */
export const channelsFromConfig = (config: CommunicationConfig): ChannelInfo[] => [
  config.SMTP_URL ? { kind: 'email', transport: 'smtp', localOnly: false } : { kind: 'email', transport: 'dev-outbox', localOnly: true },
];
