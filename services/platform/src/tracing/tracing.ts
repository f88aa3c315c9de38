import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { trace, context, propagation } from '@opentelemetry/api';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry tracing when an OTLP endpoint is configured; otherwise the API
 * stays a no-op (exporter off), so local runs pay nothing.
 */
export function startTracing(service: string, otlpEndpoint?: string): boolean {
  if (!otlpEndpoint || sdk) return false;
  sdk = new NodeSDK({
    serviceName: service,
    traceExporter: new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [new HttpInstrumentation(), new PgInstrumentation()],
  });
  sdk.start();
  return true;
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

/** The W3C traceparent of the active span, to put on events and RPC metadata. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

export const tracer = (name: string) => trace.getTracer(name);
