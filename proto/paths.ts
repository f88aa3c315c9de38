import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder holding the .proto sources; the include root for @grpc/proto-loader. */
export const protoRoot: string = join(dirname(fileURLToPath(import.meta.url)), import.meta.url.includes('/dist/') ? '..' : '.');

/** Absolute path of one proto file, e.g. protoPath('crm/v1/contact_service.proto'). */
export const protoPath = (relative: string): string => join(protoRoot, relative);
