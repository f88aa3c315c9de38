export * from './free-port.js';
export * from './postgres.js';
export * from './pubsub-emulator.js';
export * from './service-harness.js';
export * from './grpc-health.js';
export * from './security/index.js';
export * from './gcloud-emulator.js';
export * from './firestore-emulator.js';
