import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorator.js';
import { METRICS, READINESS_CHECKS, SERVICE_NAME } from '../tokens.js';
import type { Metrics } from './metrics.js';
import { checkReadiness, type ReadinessCheck } from './readiness.js';

/** Liveness, readiness and Prometheus metrics, on every service. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  @Get('healthz')
  live() {
    return { status: 'ok', service: this.service };
  }

  @Get('readyz')
  async ready(@Res() res: Response) {
    const report = await checkReadiness(this.checks);
    res.status(report.status === 'ok' ? 200 : 503).json({ service: this.service, ...report });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async prometheus() {
    return this.metrics.registry.metrics();
  }
}
