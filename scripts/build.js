// `npm run build`: every workspace's build script at once (swc compiles each package on
// its own, so order does not matter); fails if any fails. Keeps `npm start` quick.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const workspaces = root.workspaces.filter((w) => JSON.parse(readFileSync(`${w}/package.json`, 'utf8')).scripts?.build);
const started = Date.now();
const results = await Promise.all(
  workspaces.map(
    (w) =>
      new Promise((resolve) => {
        const child = spawn('npm', ['run', 'build', '--silent', '-w', w], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ w, code, out }));
      }),
  ),
);
const failed = results.filter((r) => r.code !== 0);
for (const f of failed) process.stderr.write(`\nbuild failed: ${f.w}\n${f.out}\n`);
process.stdout.write(`build: ${workspaces.length - failed.length}/${workspaces.length} packages in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(failed.length ? 1 : 0);
