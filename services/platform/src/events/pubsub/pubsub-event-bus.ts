import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import type { Logger } from 'pino';
import type { DeadLetter, EventBus, EventHandler, SubscriptionOptions } from '../event-bus.js';
import { deadLetterName, subscriptionName, topicForType, type EventEnvelope } from '../event-envelope.js';
import { HandlerRegistry } from '../handler-registry.js';
import { backoffMs, errorText, sleepUnlessAborted } from '../timing.js';
import { DeadLetterStore } from './dead-letter-store.js';
import { PubSubResources } from './pubsub-resources.js';
import { KeyedDispatcher, type Outcome } from './keyed-dispatcher.js';
import { DEAD_LETTER_ATTRS, REPLAY_FOR_ATTR, decodeEvent, encodeEvent, fitAttribute } from './message-codec.js';

export interface PubSubEventBusOptions {
  projectId: string;
  /** `host:port` of the emulator; unset in production. */
  apiEndpoint?: string;
  logger: Logger;
  /** Retry backoff before a failed message is nacked (default 1 s .. 60 s). */
  retryBackoff?: { baseMs: number; maxMs: number };
  /** Messages in flight per subscription (default 100). */
  maxInFlight?: number;
  /**
   * Pub/Sub's own dead-letter policy, kept only as a backstop for messages that never get
   * a verdict (the process dies inside the handler). Default 100, Pub/Sub's maximum.
   */
  nativeMaxDeliveryAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;

interface ActiveSubscription {
  name: string;
  subscription: Subscription;
  handlers: HandlerRegistry;
  maxAttempts: number;
  dispatcher: KeyedDispatcher;
}

/**
 * Production bus on Google Pub/Sub: one topic per producing domain, one subscription
 * per consumer and topic, message ordering by `subject`.
 *
 * Attempts and dead-lettering are done here, not by Pub/Sub's deadLetterPolicy:
 * - the policy forwards the message without the error, and its minimum is 5 attempts;
 * - `deliveryAttempt` also counts redeliveries caused by an earlier message of the same
 *   ordering key being nacked, so a message that never failed could be dead-lettered;
 * - the emulator ignores retryPolicy backoff (redelivers in ~150 ms) and, with ordering
 *   enabled, was seen dropping a message at maxDeliveryAttempts without forwarding it.
 * So each subscriber counts handler failures per message id; on the last one it
 * publishes the message to `deadLetterName(subscription)` with the error in attributes,
 * then acks. The count lives in memory: after a restart a message may get more attempts
 * than `maxAttempts` (never fewer), and the native policy at 100 deliveries bounds a
 * message that crashes the process every time. Backoff is a delay before the nack, which
 * also holds the key's later messages back, keeping per-subject order.
 */
export class PubSubEventBus implements EventBus {
  private readonly pubsub: PubSub;
  private readonly deadLetterStore: DeadLetterStore;
  private readonly resources: PubSubResources;
  private readonly active = new Map<string, ActiveSubscription>();
  private readonly failures = new Map<string, number>();
  private readonly stopping = new AbortController();
  private stopped = false;

  constructor(private readonly options: PubSubEventBusOptions) {
    this.pubsub = new PubSub({ projectId: options.projectId, ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}) });
    this.deadLetterStore = new DeadLetterStore(this.pubsub);
    this.resources = new PubSubResources(this.pubsub);
  }

  async start(): Promise<void> {
    await this.ping();
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    // Calls are issued in order; the client keeps that order per ordering key.
    await Promise.all(
      events.map(async (event) => {
        const topic = await this.resources.topic(topicForType(event.type));
        const message = encodeEvent(event);
        try {
          await topic.publishMessage(message);
        } catch (error) {
          // A failed ordered publish pauses the key in the client until resumed.
          topic.resumePublishing(event.subject);
          throw error;
        }
      }),
    );
  }

  async subscribe(options: SubscriptionOptions, handler: EventHandler): Promise<void> {
    if (options.types.length === 0) throw new Error(`Subscription of ${options.consumer} has no event types`);
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    for (const type of options.types) {
      const topicName = topicForType(type);
      const name = subscriptionName(options.consumer, topicName);
      let active = this.active.get(name);
      if (!active) {
        active = await this.open(topicName, name, maxAttempts);
        this.active.set(name, active);
      }
      active.maxAttempts = maxAttempts;
      active.handlers.add(type, handler);
    }
  }

  async deadLetters(consumer: string, limit = 100): Promise<DeadLetter[]> {
    const found: DeadLetter[] = [];
    for (const name of await this.resources.deadLetterSubscriptions(consumer)) {
      if (found.length >= limit) break;
      found.push(...(await this.deadLetterStore.list(name, limit - found.length)));
    }
    return found.sort((a, b) => b.deadAt.localeCompare(a.deadAt));
  }

  /**
   * Re-publishes the event to its topic marked `replayFor=<subscription>` (other
   * subscriptions of the topic skip it), then acks it in the dead-letter subscription.
   */
  async replayDeadLetter(consumer: string, eventId: string): Promise<boolean> {
    for (const name of await this.resources.deadLetterSubscriptions(consumer)) {
      const replayed = await this.deadLetterStore.withPulled(name, 1000, async (messages) => {
        const hit = messages.find((received) => received.message?.attributes?.id === eventId);
        if (!hit) return { ack: [], result: false };
        const event = decodeEvent(Buffer.from(hit.message!.data ?? ''));
        const source = name.slice(0, -'.dead-letter'.length);
        const message = encodeEvent(event);
        message.attributes[REPLAY_FOR_ATTR] = source;
        const topic = await this.resources.topic(topicForType(event.type));
        await topic.publishMessage(message);
        return { ack: [hit.ackId!], result: true };
      });
      if (replayed) {
        this.options.logger.info({ consumer, eventId, subscription: name }, 'dead letter replayed');
        return true;
      }
    }
    return false;
  }

  async ping(): Promise<void> {
    await this.pubsub.getTopics({ pageSize: 1, autoPaginate: false, gaxOpts: { timeout: 10_000 } });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    for (const active of this.active.values()) active.subscription.removeAllListeners('message');
    await Promise.all([...this.active.values()].map((active) => active.dispatcher.idle()));
    await Promise.all([...this.active.values()].map((active) => active.subscription.close()));
    this.active.clear();
    await this.resources.flush();
    await this.deadLetterStore.close();
    await this.pubsub.close();
  }

  private async open(topicName: string, name: string, maxAttempts: number): Promise<ActiveSubscription> {
    const dlq = deadLetterName(name);
    await this.resources.topic(topicName);
    await this.resources.ensureTopic(dlq);
    // The dead-letter subscription keeps dead letters readable for deadLetters()/replay.
    await this.resources.ensureSubscription(dlq, dlq, { ackDeadlineSeconds: 60 });
    await this.resources.ensureSubscription(topicName, name, {
      enableMessageOrdering: true,
      ackDeadlineSeconds: 60,
      deadLetterPolicy: {
        deadLetterTopic: this.pubsub.topic(dlq).name,
        maxDeliveryAttempts: this.options.nativeMaxDeliveryAttempts ?? 100,
      },
    });
    const subscription = this.pubsub.subscription(name, {
      flowControl: { maxMessages: this.options.maxInFlight ?? 100, allowExcessMessages: false },
    });
    const active: ActiveSubscription = {
      name,
      subscription,
      handlers: new HandlerRegistry(),
      maxAttempts,
      dispatcher: new KeyedDispatcher((message) => this.process(active, message), 30_000),
    };
    subscription.on('message', (message: Message) => this.receive(active, message));
    subscription.on('error', (error: unknown) =>
      this.options.logger.warn({ err: error, subscription: name }, 'Pub/Sub subscriber stream error'),
    );
    // The client closes the subscriber when its streams end with a status it does not
    // retry (the emulator ends them with UNKNOWN after dropping a message); reopen it.
    subscription.on('close', () => {
      if (this.stopped) return;
      this.options.logger.warn({ subscription: name }, 'Pub/Sub subscriber closed unexpectedly; reopening');
      const timer = setTimeout(() => {
        if (!this.stopped && !subscription.isOpen) subscription.open();
      }, 1000);
      timer.unref();
    });
    this.options.logger.info({ subscription: name, topic: topicName }, 'event subscription started');
    return active;
  }

  private receive(active: ActiveSubscription, message: Message): void {
    if (this.stopped) {
      message.nack();
      return;
    }
    const replayFor = message.attributes[REPLAY_FOR_ATTR];
    if ((replayFor && replayFor !== active.name) || !active.handlers.has(message.attributes.type ?? '')) {
      // Not for this consumer: a type it did not ask for, or another subscription's replay.
      message.ack();
      return;
    }
    active.dispatcher.dispatch(message.orderingKey || message.attributes.subject || message.id, message);
  }

  private async process(active: ActiveSubscription, message: Message): Promise<Outcome> {
    const attempt = (this.failures.get(message.id) ?? 0) + 1;
    const log = { subscription: active.name, eventId: message.attributes.id, messageId: message.id, attempt };
    try {
      await active.handlers.run(decodeEvent(message.data));
      this.failures.delete(message.id);
      message.ack();
      return 'acked';
    } catch (error) {
      this.rememberFailure(message.id, attempt);
      if (attempt >= active.maxAttempts) return this.deadLetter(active, message, error, attempt);
      const delay = backoffMs(attempt, this.options.retryBackoff?.baseMs ?? 1000, this.options.retryBackoff?.maxMs ?? 60_000);
      this.options.logger.warn({ ...log, err: error, retryInMs: delay }, 'event handler failed; will retry');
      await sleepUnlessAborted(delay, this.stopping.signal);
      message.nack();
      return 'retry';
    }
  }

  private async deadLetter(active: ActiveSubscription, message: Message, error: unknown, attempts: number): Promise<Outcome> {
    const attributes: Record<string, string> = { ...message.attributes };
    for (const key of [...DEAD_LETTER_ATTRS, REPLAY_FOR_ATTR]) delete attributes[key];
    Object.assign(attributes, {
      error: fitAttribute(errorText(error)),
      attempts: String(attempts),
      subscription: active.name,
      deadAt: new Date().toISOString(),
    });
    try {
      const dlq = await this.resources.topic(deadLetterName(active.name));
      await dlq.publishMessage({ data: message.data, attributes });
    } catch (publishError) {
      this.options.logger.error({ err: publishError, subscription: active.name }, 'dead-letter publish failed; will retry');
      message.nack();
      return 'retry';
    }
    this.failures.delete(message.id);
    message.ack();
    this.options.logger.error({ subscription: active.name, eventId: message.attributes.id, attempts, err: error }, 'event dead-lettered');
    return 'acked';
  }

  private rememberFailure(messageId: string, attempt: number): void {
    // Bounded: entries of messages that moved to another subscriber are dropped oldest-first.
    this.failures.delete(messageId);
    this.failures.set(messageId, attempt);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }
}
