import type { EventHandler } from './event-bus.js';
import type { EventEnvelope } from './event-envelope.js';

/**
 * Handlers of one subscription, by event type. Several subscribe() calls of one consumer
 * may share a subscription and even a type (two subscriber classes in one service): all
 * of them run, in registration order, and one failure fails the delivery, so the bus
 * retries it as a whole. That is safe because handlers dedupe with processOnce.
 */
export class HandlerRegistry {
  private readonly byType = new Map<string, EventHandler[]>();

  add(type: string, handler: EventHandler): void {
    const list = this.byType.get(type) ?? [];
    if (!list.includes(handler)) list.push(handler);
    this.byType.set(type, list);
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  async run(event: EventEnvelope): Promise<void> {
    for (const handler of this.byType.get(event.type) ?? []) await handler(event);
  }
}
