/** Injection tokens of the platform module. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const API_KEY_RESOLVER = Symbol('API_KEY_RESOLVER');
