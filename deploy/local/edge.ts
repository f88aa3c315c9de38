import { Agent, createServer, type Server, type ServerResponse } from 'node:http';
import { createProxyServer } from 'http-proxy-3';
import { SERVICES, serviceForPath, type ServiceName } from './services.js';
import { createStaticHandler } from './static-files.js';

export interface EdgeOptions {
  port: number;
  host: string;
  webDir: string;
  /** HTTP base URL of each service. */
  targets: Record<ServiceName, string>;
}

const problem = (res: ServerResponse, status: number, title: string, detail: string) => {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
};

/** Readiness of every service, as GET /api/v1/health reports it. */
export async function servicesHealth(targets: Record<ServiceName, string>) {
  const entries = await Promise.all(
    SERVICES.map(async ({ name }) => {
      try {
        const res = await fetch(`${targets[name]}/readyz`, { signal: AbortSignal.timeout(3000) });
        const body = (await res.json()) as { status?: string; checks?: unknown };
        return [name, { status: res.ok ? 'ok' : 'unavailable', checks: body.checks }] as const;
      } catch (err) {
        return [name, { status: 'down', error: (err as Error).message }] as const;
      }
    }),
  );
  const services = Object.fromEntries(entries);
  return { status: entries.every(([, s]) => s.status === 'ok') ? 'ok' : 'degraded', services };
}

/**
 * The one local origin: /api/v1/* proxied by the prefix table, /api/v1/health aggregated,
 * everything else the built web app (SPA fallback to index.html).
 */
export async function startEdge(options: EdgeOptions): Promise<Server> {
  // Keep-alive to the services: a new TCP connection per request would double the latency.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });
  const proxy = createProxyServer({ xfwd: true, proxyTimeout: 120_000, agent });
  proxy.on('error', (_err, _req, res) => {
    if (res && 'writeHead' in res && !res.headersSent)
      problem(res as ServerResponse, 502, 'Bad gateway', 'The service is not answering; it may still be starting.');
  });

  // Compressed (brotli/gzip), hashed assets immutable for a year, SPA fallback: static-files.ts.
  const serveStatic = createStaticHandler(options.webDir);
  void serveStatic.prewarm().catch(() => undefined); // a failed warm-up only means the first visitor waits

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api/v1/health') {
      void servicesHealth(options.targets).then((health) => {
        res.writeHead(health.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(health));
      });
      return;
    }
    const service = serviceForPath(path);
    if (service) return proxy.web(req, res, { target: options.targets[service] });
    if (path.startsWith('/api/')) return problem(res, 404, 'Not found', `No API route ${path}.`);
    serveStatic(req, res).catch((err: unknown) => {
      if (!res.headersSent) problem(res, 500, 'Internal error', (err as Error).message);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
