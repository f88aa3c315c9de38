import { v1, type PubSub, type protos } from '@google-cloud/pubsub';
import type { DeadLetter } from '../event-bus.js';
import { decodeEvent } from './message-codec.js';

type Received = protos.google.pubsub.v1.IReceivedMessage;

/**
 * Reads the dead-letter subscriptions with synchronous pull. Listing leases the messages
 * and gives them straight back (ack deadline 0), so it does not consume them; replay
 * acks just the one it re-published. Both are best effort over the first `limit`
 * messages the server hands out, which is what an operator's "show / replay" needs.
 */
export class DeadLetterStore {
  private client: v1.SubscriberClient | undefined;

  constructor(private readonly pubsub: PubSub) {}

  /** Pulls up to `limit` messages from a subscription and passes them to `use`; unacked ones are released. */
  async withPulled<T>(
    subscription: string,
    limit: number,
    use: (messages: Received[]) => Promise<{ ack: string[]; result: T }>,
  ): Promise<T> {
    const client = await this.subscriberClient();
    const name = this.pubsub.subscription(subscription).name;
    const messages: Received[] = [];
    // First pull may wait briefly for messages; later ones only collect what is ready.
    for (let round = 0; messages.length < limit && round < 20; round++) {
      const [response] = await client.pull(
        { subscription: name, maxMessages: Math.min(100, limit - messages.length), returnImmediately: round > 0 },
        { timeout: 5000 },
      );
      const got = response.receivedMessages ?? [];
      if (got.length === 0) break;
      messages.push(...got);
    }
    const { ack, result } = await use(messages).catch(async (error: unknown) => {
      await this.release(
        client,
        name,
        messages.map((m) => m.ackId!),
      );
      throw error;
    });
    if (ack.length > 0) await client.acknowledge({ subscription: name, ackIds: ack });
    const rest = messages.map((m) => m.ackId!).filter((id) => !ack.includes(id));
    await this.release(client, name, rest);
    return result;
  }

  async list(subscription: string, limit: number): Promise<DeadLetter[]> {
    return this.withPulled(subscription, limit, async (messages) => ({ ack: [], result: messages.map(toDeadLetter) }));
  }

  async close(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
  }

  private async release(client: v1.SubscriberClient, subscription: string, ackIds: string[]): Promise<void> {
    if (ackIds.length > 0) await client.modifyAckDeadline({ subscription, ackIds, ackDeadlineSeconds: 0 });
  }

  private async subscriberClient(): Promise<v1.SubscriberClient> {
    const config = (await this.pubsub.getClientConfig()) as ConstructorParameters<typeof v1.SubscriberClient>[0];
    this.client ??= new v1.SubscriberClient(config);
    return this.client;
  }
}

/** Adapter-written dead letters carry the error; native ones (backstop) carry Pub/Sub's counters. */
export function toDeadLetter(received: Received): DeadLetter {
  const message = received.message!;
  const attributes = message.attributes ?? {};
  const publishTime = message.publishTime?.seconds ? new Date(Number(message.publishTime.seconds) * 1000).toISOString() : '';
  return {
    event: decodeEvent(Buffer.from(message.data ?? '')),
    subscription: attributes.subscription ?? attributes.CloudPubSubDeadLetterSourceSubscription ?? '',
    attempts: Number(attributes.attempts ?? attributes.CloudPubSubDeadLetterSourceDeliveryCount ?? 0),
    error: attributes.error ?? 'delivery attempts exhausted without an acknowledgement (handler crashed or timed out)',
    deadAt: attributes.deadAt ?? publishTime,
  };
}
