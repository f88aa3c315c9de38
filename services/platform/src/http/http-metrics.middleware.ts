import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../health/metrics.js';

/** Records request duration by route template (not raw path: ids would explode cardinality). */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (res.statusCode === 404 ? 'unmatched' : req.baseUrl || 'other');
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
