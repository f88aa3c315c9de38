// Mirrors what the server checks, so most mistakes are caught before a round trip.
// The server stays the authority: its field errors are shown the same way.
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export const isBlank = (value: string) => value.trim().length === 0;
/** International format (+ and country code), which is what the API stores (E.164). */
export const isInternationalPhone = (value: string) => /^\+[\d\s().-]{6,}$/.test(value.trim());
export const isEmail = (value: string) => emailPattern.test(value.trim());
