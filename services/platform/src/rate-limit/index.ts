export * from './rate-limiter.js';
export * from './rate-limit-store.js';
export * from './rate-limit.config.js';
export * from './request-rate-limit.interceptor.js';
export * from './rate-limit.module.js';
