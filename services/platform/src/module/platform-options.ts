import type { Type } from '@nestjs/common';
import type { BaseConfig } from '../config/config.js';
import type { Entities, Migrations } from '../database/data-source.js';
import type { ReadinessCheck } from '../health/readiness.js';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import type { Logger } from '../logging/logger.js';
import type { ExportSource } from '../exports/export-source.js';

export interface PlatformOptions {
  /** Service name: also its Postgres schema and its event consumer name. */
  service: string;
  config: BaseConfig;
  logger: Logger;
  entities: Entities;
  migrations: Migrations;
  /** Extra readiness checks (e.g. another service's gRPC health). */
  readiness?: ReadinessCheck[];
  /** Overrides the JWKS-based verifier (the users service verifies with its own keys). */
  tokenVerifier?: () => AccessTokenVerifier;
  /** EventSubscriber providers (declared in the service's own modules) to connect to the bus. */
  subscribers?: Type<unknown>[];
  /** Records this service contributes to a workspace data export (serves <domain>.v1.ExportService). */
  exports?: ExportSource[];
}
