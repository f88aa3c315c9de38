import { startGcloudEmulator, type GcloudEmulator } from './gcloud-emulator.js';

export type FirestoreEmulator = GcloudEmulator;

/** Starts the Firestore emulator (`gcloud emulators firestore start`) on a free loopback port. */
export function startFirestoreEmulator(projectId = 'meridian-test'): Promise<FirestoreEmulator> {
  return startGcloudEmulator(
    {
      name: 'Firestore',
      command: ['emulators', 'firestore', 'start'],
      extraArgs: [],
      ready: /Dev App Server is now running|API endpoint: http/,
      components: '"cloud-firestore-emulator"',
    },
    projectId,
  );
}
