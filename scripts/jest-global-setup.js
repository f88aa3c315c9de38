// Jest's global setup runs outside its module mapper, so it uses the built platform
// package (`npm test` builds first). The logic lives in services/platform/src/testing.
export { default } from '@meridian/platform/testing/global-setup';
