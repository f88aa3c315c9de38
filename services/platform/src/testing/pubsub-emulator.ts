import { startGcloudEmulator, type GcloudEmulator } from './gcloud-emulator.js';

export type PubSubEmulator = GcloudEmulator;

/** Starts the Google Pub/Sub emulator (`gcloud beta emulators pubsub start`) on a free loopback port. */
export function startPubSubEmulator(projectId = 'meridian-test'): Promise<PubSubEmulator> {
  return startGcloudEmulator(
    {
      name: 'Pub/Sub',
      command: ['beta', 'emulators', 'pubsub', 'start'],
      extraArgs: [`--project=${projectId}`],
      ready: /Server started/,
      components: '"beta" and "pubsub-emulator"',
    },
    projectId,
  );
}
