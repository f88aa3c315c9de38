import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};
// Images and fonts are compressed already; squeezing them again costs CPU for nothing.
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map', '.txt', '.ico']);
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (brotli, then gzip), honouring `q=0` refusals. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number.parseFloat(q.slice(2)) || 0 : 1);
  }
  const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return 'identity';
}

interface Variant {
  body: Buffer;
  etag: string;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  variants: Partial<Record<Encoding, Promise<Variant>>>;
}

async function encode(raw: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
  }
  if (encoding === 'gzip') return gzipAsync(raw, { level: 9 });
  return raw;
}

/**
 * Serves the built web app: hashed files under /assets/ cached for a year (immutable),
 * everything else revalidated (ETag); text compressed with brotli or gzip as the browser
 * accepts, each encoding computed once per file version and kept in memory; unknown paths
 * fall back to index.html (client-side routes).
 */
export function createStaticHandler(webDir: string) {
  const root = normalize(webDir);
  const cache = new Map<string, CachedFile>();

  const variant = async (file: string, mtimeMs: number, size: number, encoding: Encoding): Promise<Variant> => {
    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== mtimeMs || entry.size !== size) {
      entry = { mtimeMs, size, variants: {} };
      cache.set(file, entry);
    }
    entry.variants[encoding] ??= readFile(file).then(async (raw) => {
      const body = await encode(raw, encoding);
      const hash = createHash('sha1').update(raw).digest('base64url').slice(0, 16);
      return { body, etag: `"${hash}-${encoding}"` };
    });
    try {
      return await entry.variants[encoding];
    } catch (err) {
      delete entry.variants[encoding];
      throw err;
    }
  };

  const resolveFile = async (urlPath: string) => {
    const file = normalize(join(root, urlPath));
    const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
    const info = inside ? await stat(file).catch(() => undefined) : undefined;
    if (info?.isFile()) return { file, info, fallback: false };
    const index = join(root, 'index.html');
    const indexInfo = await stat(index).catch(() => undefined);
    return indexInfo?.isFile() ? { file: index, info: indexInfo, fallback: true } : null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    const found = await resolveFile(urlPath);
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(
        JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'The web app is not built; run npm run build.' }),
      );
      return;
    }
    const ext = extname(found.file);
    const immutable = !found.fallback && urlPath.startsWith('/assets/');
    const compressible = COMPRESSIBLE.has(ext) && found.info.size >= MIN_COMPRESS_BYTES;
    const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
    const { body, etag } = await variant(found.file, found.info.mtimeMs, found.info.size, encoding);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
    };
    if (compressible) headers.vary = 'Accept-Encoding';
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  /** Compresses the entry page and every asset ahead of the first visitor (in the background). */
  const prewarm = async (): Promise<void> => {
    const names = await readdir(join(root, 'assets')).catch(() => [] as string[]);
    const files = [join(root, 'index.html'), ...names.map((n) => join(root, 'assets', n))].filter(
      (f) => COMPRESSIBLE.has(extname(f)) && !f.endsWith('.map'),
    );
    for (const file of files) {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile() || info.size < MIN_COMPRESS_BYTES) continue;
      for (const encoding of ['br', 'gzip'] as const) await variant(file, info.mtimeMs, info.size, encoding);
    }
  };

  return Object.assign(handle, { prewarm });
}
