import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { ValidationError } from '@meridian/platform';

export interface UploadedFile {
  path: string;
  name: string;
  bytes: number;
}

export interface MultipartUpload<F> {
  fields: Record<string, string>;
  file: F | null;
}

/** What to do with the one `file` part: its bytes arrive as a stream that must be consumed. */
type FileSink<F> = (stream: Readable & { truncated?: boolean }, name: string) => Promise<F>;

const tooLarge = (maxBytes: number) =>
  // The HTTP layer's own status: a body over the cap is a transport limit, not a domain rule.
  new PayloadTooLargeException(`The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB import limit.`);

/**
 * Reads a multipart/form-data request without buffering the file: text fields are
 * collected, the `file` part is handed to `sink` as a stream, and a file over `maxBytes`
 * ends the request with 413.
 */
export async function readMultipart<F>(req: Request, maxBytes: number, sink: FileSink<F>): Promise<MultipartUpload<F>> {
  if (!req.is('multipart/form-data')) {
    throw new ValidationError([{ field: 'file', message: 'Send the file as multipart/form-data with a "file" part.' }]);
  }
  const fields: Record<string, string> = {};
  let file: Promise<F> | null = null;
  let truncated = false;
  const parser = busboy({
    headers: req.headers,
    limits: { files: 1, fields: 20, fieldSize: 200_000, fileSize: maxBytes, parts: 30 },
  });
  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== 'file' || file) {
      stream.resume();
      return;
    }
    stream.on('limit', () => {
      truncated = true;
    });
    file = sink(stream, info.filename ?? 'import.csv');
    // A sink that fails early must not leave the upload hanging: drain what is left.
    file.catch(() => stream.resume());
  });
  await pipeline(req, parser);
  const result = file ? await (file as Promise<F>) : null;
  if (truncated) throw tooLarge(maxBytes);
  return { fields, file: result };
}

/** A sink that writes the file under `dir` with a fresh name; removes a partial file on failure or overflow. */
export function diskSink(dir: string): FileSink<UploadedFile> {
  return async (stream, name) => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${randomUUID()}.csv`);
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    try {
      await pipeline(stream, createWriteStream(path, { mode: 0o600 }));
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    if (stream.truncated) await rm(path, { force: true });
    return { path, name: name.slice(0, 255), bytes };
  };
}

/** A sink that keeps the first `maxBytes` of the file in memory (for a preview) and discards the rest. */
export function headSink(maxBytes: number): FileSink<{ head: Buffer; complete: boolean; name: string }> {
  return (stream, name) =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let complete = true;
      stream.on('data', (chunk: Buffer) => {
        if (size >= maxBytes) {
          complete = false;
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      stream.on('end', () => resolve({ head: Buffer.concat(chunks).subarray(0, maxBytes), complete: complete && size <= maxBytes, name }));
      stream.on('error', reject);
    });
}
