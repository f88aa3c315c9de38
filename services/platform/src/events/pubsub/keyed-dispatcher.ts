import type { Message } from '@google-cloud/pubsub';

/** What processing one message ended in: acked (done or dead-lettered) or nacked for retry. */
export type Outcome = 'acked' | 'retry';

interface KeyState {
  queue: Message[];
  running: boolean;
  /** A message of this key was nacked: later ones are nacked until it comes back. */
  blockedBy?: { messageId: string; until: number };
}

/**
 * Per-ordering-key serialization on the subscriber side.
 *
 * Pub/Sub delivers a key's messages in order but the Node client hands them all to the
 * 'message' listener at once, so async handlers would overlap. Here each key runs one
 * message at a time. When one is nacked for retry, the messages queued behind it are
 * nacked too and any that arrive before its redelivery are nacked as well: with message
 * ordering, real Pub/Sub redelivers the nacked message and everything after it, in
 * order. The block expires after `blockTtlMs` in case the redelivery went to another
 * client, so a key never stalls for good.
 */
export class KeyedDispatcher {
  private readonly keys = new Map<string, KeyState>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly process: (message: Message) => Promise<Outcome>,
    private readonly blockTtlMs: number,
  ) {}

  dispatch(key: string, message: Message): void {
    if (this.keys.size > 1000) this.sweep();
    let state = this.keys.get(key);
    if (!state) {
      state = { queue: [], running: false };
      this.keys.set(key, state);
    }
    if (state.blockedBy) {
      const expired = Date.now() > state.blockedBy.until;
      if (state.blockedBy.messageId !== message.id && !expired) {
        message.nack();
        return;
      }
      state.blockedBy = undefined;
    }
    state.queue.push(message);
    if (!state.running) this.track(this.drain(key, state));
  }

  /** Resolves when every key's current work is finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Forgets idle keys whose block has expired, so blocked keys that go quiet do not pile up. */
  private sweep(): void {
    const now = Date.now();
    for (const [key, state] of this.keys) {
      if (!state.running && state.queue.length === 0 && (!state.blockedBy || state.blockedBy.until < now)) this.keys.delete(key);
    }
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private async drain(key: string, state: KeyState): Promise<void> {
    state.running = true;
    try {
      while (state.queue.length > 0) {
        const message = state.queue.shift()!;
        const outcome = await this.process(message);
        if (outcome === 'retry') {
          state.blockedBy = { messageId: message.id, until: Date.now() + this.blockTtlMs };
          for (const behind of state.queue.splice(0)) behind.nack();
          break;
        }
      }
    } finally {
      state.running = false;
      if (state.queue.length === 0 && !state.blockedBy) this.keys.delete(key);
    }
  }
}
