export { default } from '@meridian/platform/testing/global-teardown';
