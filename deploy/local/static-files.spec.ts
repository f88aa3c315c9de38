import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, createStaticHandler } from './static-files.js';

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.8', 'gzip'],
    ['*', 'br'],
    ['identity', 'identity'],
    [undefined, 'identity'],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('static web app serving', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const js = `export const answer = ${'"forty-two ".repeat(400)'}; // ${'x'.repeat(4000)}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edge-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Meridian</title>${'<!-- padding -->'.repeat(100)}`);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), js);
    writeFileSync(join(dir, 'assets', 'logo.png'), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    const handler = createStaticHandler(join(dir));
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  // node:http, not fetch: fetch would undo the compression this suite checks.
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: { get: (name: string) => string | null }; body: Buffer }>((resolve, reject) => {
      const req = request(base + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = res.headers;
          resolve({
            status: res.statusCode ?? 0,
            headers: { get: (n) => (h[n] === undefined ? null : String(h[n])) },
            body: Buffer.concat(chunks),
          });
        });
      });
      req.on('error', reject);
      req.end();
    });

  it('serves hashed assets brotli-compressed with a year-long immutable cache', async () => {
    const res = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = res.body;
    expect(body.length).toBeLessThan(js.length / 4);
    expect(brotliDecompressSync(body).toString()).toBe(js);
  });

  it('falls back to gzip, and to the plain file for clients that accept neither', async () => {
    const gz = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);
    const plain = await get('/assets/index-abc123.js', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.body.toString()).toBe(js);
  });

  it('leaves images uncompressed and serves client routes from index.html with revalidation', async () => {
    const png = await get('/assets/logo.png', { 'accept-encoding': 'br' });
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('content-type')).toBe('image/png');
    const route = await get('/contacts/123', { 'accept-encoding': 'gzip' });
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(gunzipSync(route.body).toString()).toContain('<title>Meridian</title>');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    const etag = first.headers.get('etag')!;
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('never serves files outside the web directory', async () => {
    const res = await get('/..%2f' + dir.split('/').pop() + '-other/secret.txt');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});
