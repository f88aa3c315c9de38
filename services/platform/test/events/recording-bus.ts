import type { DeadLetter, EventBus } from '../../src/events/event-bus.js';
import type { EventEnvelope } from '../../src/events/event-envelope.js';

/** A bus that records what the relay publishes; `failOn` makes one event id fail. */
export class RecordingBus implements EventBus {
  readonly published: EventEnvelope[] = [];
  failOn: string | undefined;

  async start(): Promise<void> {}
  async publish(events: EventEnvelope[]): Promise<void> {
    if (events.some((event) => event.id === this.failOn)) throw new Error(`bus refused ${this.failOn}`);
    this.published.push(...events);
  }
  async subscribe(): Promise<void> {}
  async deadLetters(): Promise<DeadLetter[]> {
    return [];
  }
  async replayDeadLetter(): Promise<boolean> {
    return false;
  }
  async ping(): Promise<void> {}
  async stop(): Promise<void> {}

  ids(): string[] {
    return this.published.map((event) => event.id);
  }
}
