export * from './test-token-issuer.js';
export * from './route-catalog.js';
export * from './role-matrix.js';
export * from './jwt-cases.js';
export * from './security-suite.js';
