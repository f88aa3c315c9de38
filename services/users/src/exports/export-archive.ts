// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- archiver 8 ships no types; this ambient declaration must load wherever this file is compiled
/// <reference path="./archiver.d.ts" />
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { ZipArchive } from 'archiver';

/**
 * A zip with one JSON array per object (`<service>/<object>.json`), written as rows
 * stream in: memory stays flat whatever the workspace size.
 */
export class ExportArchive {
  private readonly zip = new ZipArchive({ zlib: { level: 6 } });
  private readonly done: Promise<void>;
  private entry?: { stream: PassThrough; first: boolean };

  constructor(private readonly path: string) {
    this.done = (async () => {
      await mkdir(dirname(path), { recursive: true });
      const out = createWriteStream(path, { mode: 0o600 });
      this.zip.pipe(out);
      await once(out, 'close');
    })();
    this.zip.on('warning', (err) => this.zip.emit('error', err));
  }

  async beginObject(name: string): Promise<void> {
    await this.endObject();
    const stream = new PassThrough();
    this.zip.append(stream, { name });
    this.entry = { stream, first: true };
    await this.write('[');
  }

  async addRow(json: string): Promise<void> {
    if (!this.entry) throw new Error('addRow before beginObject');
    await this.write(`${this.entry.first ? '\n' : ',\n'}${json}`);
    this.entry.first = false;
  }

  async endObject(): Promise<void> {
    if (!this.entry) return;
    await this.write('\n]\n');
    this.entry.stream.end();
    this.entry = undefined;
  }

  async addJson(name: string, value: unknown): Promise<void> {
    await this.endObject();
    this.zip.append(JSON.stringify(value, null, 2), { name });
  }

  /** Closes the archive; resolves with its size in bytes. */
  async finish(): Promise<number> {
    await this.endObject();
    await this.zip.finalize();
    await this.done;
    return (await stat(this.path)).size;
  }

  private async write(text: string): Promise<void> {
    if (!this.entry!.stream.write(text)) await once(this.entry!.stream, 'drain');
  }
}
