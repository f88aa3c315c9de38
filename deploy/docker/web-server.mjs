// The web image's process: the built single-page app and the edge of `npm start`
// (deploy/local/edge.ts) on one port. It serves static files with the SPA fallback,
// answers GET /api/v1/health from every service's /readyz, and proxies /api/v1/* by the
// prefix table of deploy/local/services.ts. On GKE the Ingress routes the API prefixes
// to the services directly and everything else here; in docker-compose this process is
// the one origin, exactly as the local launcher is.
//
// Environment: PORT (8080), HOST (0.0.0.0), WEB_DIR (../../web/dist), and per service
// <NAME>_URL, e.g. CRM_URL=http://crm:8080 (default http://meridian-<name>:8080, the
// chart's Service names), SHUTDOWN_TIMEOUT_MS (20000).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEdge } from '../dist/local/edge.js';
import { SERVICES } from '../dist/local/services.js';

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const log = (msg, extra = {}) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), service: 'web', msg, ...extra })}\n`);

const targets = Object.fromEntries(SERVICES.map(({ name }) => [name, env[`${name.toUpperCase()}_URL`] ?? `http://meridian-${name}:8080`]));
const port = Number(env.PORT ?? 8080);
const host = env.HOST ?? '0.0.0.0';
const webDir = resolve(env.WEB_DIR ?? join(here, '../../web/dist'));

const server = await startEdge({ port, host, webDir, targets });
log('Ready', { url: `http://${host}:${port}`, webDir, targets });

// Graceful stop: refuse new connections, let requests in flight finish, then exit.
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  log('Stopping', { signal });
  const timeout = setTimeout(
    () => {
      log('Stop timed out; closing remaining connections');
      server.closeAllConnections();
      process.exit(0);
    },
    Number(env.SHUTDOWN_TIMEOUT_MS ?? 20000),
  );
  timeout.unref();
  server.close(() => {
    log('Stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
