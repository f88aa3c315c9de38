import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './free-port.js';

export interface GcloudEmulator {
  /** `127.0.0.1:<port>`, for the client's `apiEndpoint` or the *_EMULATOR_HOST variable. */
  host: string;
  projectId: string;
  stop(): Promise<void>;
}

export interface GcloudEmulatorSpec {
  /** Human name for messages, e.g. "Pub/Sub". */
  name: string;
  /** gcloud arguments before --host-port, e.g. ['beta', 'emulators', 'pubsub', 'start']. */
  command: string[];
  /** Extra arguments after --host-port (project, ...). */
  extraArgs: string[];
  /** Output line that means the server is up. */
  ready: RegExp;
  /** gcloud components the emulator needs, for the error message. */
  components: string;
}

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts a Google Cloud CLI emulator on a free loopback port. gcloud runs a Java server
 * as a grandchild, so it is spawned detached (own process group) and stop() signals the
 * whole group. Fails loudly when gcloud or the component is missing: suites that need an
 * emulator must never pass without running it.
 */
export async function startGcloudEmulator(spec: GcloudEmulatorSpec, projectId: string): Promise<GcloudEmulator> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const child = spawn('gcloud', [...spec.command, `--host-port=${host}`, ...spec.extraArgs], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const missing = new Promise<Error>((resolve) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? new Error(
              `gcloud is not installed (or not on PATH): these tests need the ${spec.name} emulator. Install the ` +
                `Google Cloud CLI with its ${spec.components} components, and a Java runtime.`,
            )
          : error,
      ),
    ),
  );

  const stop = async (): Promise<void> => killGroup(child, exited);
  const waiting = new AbortController();
  const answering = waitUntilAnswering(spec, port, exited, () => output, waiting.signal);
  answering.catch(() => undefined); // the race below reports it; this only silences the loser
  try {
    await Promise.race([answering, missing.then((error) => Promise.reject(error))]);
  } catch (error) {
    waiting.abort();
    await stop();
    throw error;
  }
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  // Keep draining the pipes so a chatty emulator never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return { host, projectId, stop };
}

async function waitUntilAnswering(
  spec: GcloudEmulatorSpec,
  port: number,
  exited: Promise<number | null>,
  output: () => string,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline && !signal.aborted) {
    if (exitCode !== undefined) {
      throw new Error(`${spec.name} emulator exited with code ${exitCode} before answering:\n${output()}`);
    }
    if ((await answersHttp(port)) && spec.ready.test(output())) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${spec.name} emulator did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** The emulator answers a plain HTTP GET / with "Ok" once it serves. */
async function answersHttp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (/\r\n\r\n[\s\S]*Ok/.test(reply)) finish(true);
    });
    socket.on('end', () => finish(/Ok/.test(reply)));
  });
}

/** SIGTERM to the process group, SIGKILL if it lingers, bounded either way. */
async function killGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child.pid, 'SIGKILL');
    return;
  }
  signalGroup(child.pid, 'SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref()),
  ]);
  // The Java grandchild may outlive gcloud's Python wrapper: always sweep the group.
  signalGroup(child.pid, 'SIGKILL');
  if (timedOut) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Group already gone.
  }
}
