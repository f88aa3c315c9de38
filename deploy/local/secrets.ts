import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Generated once per data directory, kept beside the data (mode 600), never printed. */
export interface LocalSecrets {
  postgresPassword: string;
  rolePassword: string;
  signingKeySecret: string;
  demoPassword: string;
  demoSeeded: boolean;
}

const FILE = 'secrets.json';
const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export async function loadSecrets(dataDir: string): Promise<LocalSecrets> {
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const path = join(dataDir, FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LocalSecrets;
  } catch {
    const secrets: LocalSecrets = {
      postgresPassword: token(18),
      rolePassword: token(18),
      signingKeySecret: token(32),
      demoPassword: `demo-${token(6)}`,
      demoSeeded: false,
    };
    await saveSecrets(dataDir, secrets);
    return secrets;
  }
}

export async function saveSecrets(dataDir: string, secrets: LocalSecrets): Promise<void> {
  await writeFile(join(dataDir, FILE), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
