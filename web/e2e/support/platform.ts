import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Platform {
  baseUrl: string;
  /** The launcher's recent output, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

const outputLimit = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The launcher exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy.\n--- launcher output ---\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      lastProblem = `GET /api/v1/health answered ${response.status}`;
    } catch (error) {
      lastProblem = `GET /api/v1/health failed: ${(error as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The platform was not healthy within ${timeoutMs / 1000} s (${lastProblem}).\n--- launcher output ---\n${output()}`);
}

/**
 * Starts the whole platform with the local launcher on a free port and an empty data
 * directory, and resolves once GET /api/v1/health answers 200.
 */
export async function startPlatform(repoRoot: string, healthTimeoutMs = 120_000): Promise<Platform> {
  const launcher = join(repoRoot, 'deploy/dist/local/start.js');
  if (!existsSync(launcher)) {
    throw new Error(`The launcher ${launcher} does not exist. Build it first: npm run build (from the repo root).`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'meridian-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;

  let log = '';
  const child = spawn(process.execPath, [launcher], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), MERIDIAN_DATA_DIR: dataDir, MERIDIAN_SEED_DEMO: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a launcher that ignores SIGINT can still be cleaned up
    // without touching anything this test did not start.
    detached: true,
  });
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-outputLimit);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const output = () => log;

  const stop = async () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      if (!(await waitForExit(child, 60_000))) {
        process.stderr.write('The launcher did not exit within 60 s of SIGINT; killing its process group.\n');
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        await waitForExit(child, 10_000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output, healthTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output, stop };
}
