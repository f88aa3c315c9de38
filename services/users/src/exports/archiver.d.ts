// archiver 8 is ESM without bundled types (and @types/archiver describes v7's default export).
declare module 'archiver' {
  import type { Readable, Writable } from 'node:stream';

  export class ZipArchive {
    constructor(options?: { zlib?: { level?: number } });
    append(source: Readable | Buffer | string, data: { name: string }): this;
    pipe<T extends Writable>(destination: T): T;
    finalize(): Promise<void>;
    on(event: 'warning' | 'error', listener: (error: Error) => void): this;
    emit(event: 'error', error: Error): boolean;
  }
}
