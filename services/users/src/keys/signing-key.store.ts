import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import pg from 'pg';

const ALG = 'ES256';

interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * The users service's JWT signing keys: ES256, stored with the private half encrypted
 * (AES-256-GCM) and the public half served as JWKS. Created on first use; rotation adds a
 * newer key while older public keys stay in the JWKS until retired.
 */
export class SigningKeyStore {
  private readonly pool: pg.Pool;
  private readonly secret: Buffer;
  private active?: Promise<ActiveKey>;
  private jwksCache?: { at: number; keys: JWK[] };

  constructor(databaseUrl: string, secret: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'meridian-users-keys' });
    // An idle connection dropped by the server is replaced on next use; it must not crash the process.
    this.pool.on('error', () => undefined);
    this.secret = createHash('sha256').update(secret).digest();
  }

  async sign(
    claims: Record<string, unknown>,
    options: { subject: string; issuer: string; audience: string; ttlSeconds: number },
  ): Promise<string> {
    const key = await this.activeKey();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
      .setSubject(options.subject)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${options.ttlSeconds}s`)
      .sign(key.privateKey);
  }

  /** Public keys not yet retired, as a JWKS `keys` array. */
  async publicKeys(): Promise<JWK[]> {
    if (this.jwksCache && Date.now() - this.jwksCache.at < 60_000) return this.jwksCache.keys;
    await this.activeKey();
    const { rows } = await this.pool.query<{ public_jwk: JWK }>(
      'SELECT public_jwk FROM users.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC',
    );
    this.jwksCache = { at: Date.now(), keys: rows.map((r) => r.public_jwk) };
    return this.jwksCache.keys;
  }

  /** Key resolver for local verification inside the users service. */
  readonly verificationKeys: JWTVerifyGetKey = async (header) => {
    const jwk = (await this.publicKeys()).find((k) => k.kid === header.kid);
    if (!jwk) throw new Error('unknown kid');
    return importJWK(jwk, ALG) as Promise<CryptoKey>;
  };

  async close(): Promise<void> {
    await this.pool.end();
  }

  private activeKey(): Promise<ActiveKey> {
    this.active ??= this.loadOrCreate().catch((err: unknown) => {
      this.active = undefined;
      throw err;
    });
    return this.active;
  }

  private async loadOrCreate(): Promise<ActiveKey> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Replicas booting together must agree on one first key.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('users.signing_keys'))`);
      const { rows } = await client.query<{ kid: string; private_jwk_encrypted: string }>(
        'SELECT kid, private_jwk_encrypted FROM users.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
      );
      let found = rows[0];
      if (!found) {
        const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
        const kid = randomUUID();
        const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
        const encrypted = this.encrypt(JSON.stringify(await exportJWK(privateKey)));
        await client.query('INSERT INTO users.signing_keys (kid, alg, public_jwk, private_jwk_encrypted) VALUES ($1, $2, $3, $4)', [
          kid,
          ALG,
          publicJwk,
          encrypted,
        ]);
        found = { kid, private_jwk_encrypted: encrypted };
      }
      await client.query('COMMIT');
      const privateKey = (await importJWK(JSON.parse(this.decrypt(found.private_jwk_encrypted)) as JWK, ALG)) as CryptoKey;
      return { kid: found.kid, privateKey };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secret, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
  }

  private decrypt(stored: string): string {
    const [iv, tag, data] = stored.split('.').map((p) => Buffer.from(p, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', this.secret, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
  }
}
