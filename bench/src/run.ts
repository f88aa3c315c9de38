import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHMARKS } from './benchmarks/index.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** `npm run bench -- <name> [--scale N]`: runs one benchmark, writes JSON, prints a summary. */
async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [--scale N] [--seconds S]\n`);
    process.exit(2);
  }
  const arg = (flag: string) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? Number(rest[i + 1]) : undefined;
  };
  const result = await bench.run({ scale: arg('--scale') ?? bench.defaultScale, seconds: arg('--seconds') ?? 5 });
  const dir = join(ROOT, 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(result, null, 2));
  process.stdout.write(`${result.summary}\nresult: ${file}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
