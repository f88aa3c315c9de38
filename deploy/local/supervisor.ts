import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ChildSpec {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
}

interface Running {
  spec: ChildSpec;
  child: ChildProcess;
  log: WriteStream;
  restarts: number;
}

const MAX_RESTARTS = 5;

/**
 * Runs the services as child processes: full JSON logs to <logDir>/<name>.log, warnings
 * and errors echoed to the console, restarts with backoff on crash, orderly stop.
 */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  private stopping = false;

  constructor(
    private readonly logDir: string,
    private readonly print: (line: string) => void,
  ) {}

  start(spec: ChildSpec, restarts = 0): void {
    const log = createWriteStream(join(this.logDir, `${spec.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [spec.script], { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry: Running = { spec, child, log, restarts };
    this.running.set(spec.name, entry);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        this.echo(spec.name, line);
      });
    }
    child.on('exit', (code, signal) => {
      log.end();
      if (this.stopping) return;
      this.print(`[${spec.name}] exited (${signal ?? `code ${code}`}); log: ${join(this.logDir, `${spec.name}.log`)}`);
      if (entry.restarts < MAX_RESTARTS) {
        const delay = 500 * 2 ** entry.restarts;
        this.print(`[${spec.name}] restarting in ${delay} ms`);
        setTimeout(() => !this.stopping && this.start(spec, entry.restarts + 1), delay).unref();
      }
    });
  }

  /** SIGTERM to every child (graceful drain), SIGKILL after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.running.values()].map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  private echo(name: string, line: string): void {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) >= 40) this.print(`[${name}] ${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
    } catch {
      if (line.trim()) this.print(`[${name}] ${line}`);
    }
  }
}
