import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/**
 * True when `password` is on the shipped list of ~49k most common passwords (zxcvbn-ts's
 * `passwords-common`, compared case-insensitively). The set is built once, on first use.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}
