import type { PubSub, Topic } from '@google-cloud/pubsub';

const ALREADY_EXISTS = 6;

/** Topics and subscriptions the bus uses: created on first use if missing, cached. */
export class PubSubResources {
  private readonly topics = new Map<string, Promise<Topic>>();

  constructor(private readonly pubsub: PubSub) {}

  /** Topic handle (created on first use; ALREADY_EXISTS is fine), publishing with ordering. */
  topic(name: string): Promise<Topic> {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = this.ensureTopic(name).then(() => this.pubsub.topic(name, { messageOrdering: true }));
      topic.catch(() => this.topics.delete(name));
      this.topics.set(name, topic);
    }
    return topic;
  }

  /**
   * Checks before creating: in production Terraform owns topics and subscriptions, and a
   * role without create permission gets PERMISSION_DENIED from create even if they exist.
   */
  async ensureTopic(name: string): Promise<void> {
    const [exists] = await this.pubsub.topic(name).exists();
    if (exists) return;
    try {
      await this.pubsub.createTopic(name);
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
  }

  async ensureSubscription(topic: string, name: string, settings: Record<string, unknown>): Promise<void> {
    const [exists] = await this.pubsub.subscription(name).exists();
    if (exists) return;
    try {
      await this.pubsub.topic(topic).createSubscription(name, settings);
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
  }

  /** Flushes every publisher the bus opened. */
  async flush(): Promise<void> {
    for (const topic of this.topics.values()) await (await topic.catch(() => undefined))?.flush();
  }

  /** The dead-letter subscriptions of a consumer's subscriptions, e.g. `analytics.crm.dead-letter`. */
  async deadLetterSubscriptions(consumer: string): Promise<string[]> {
    const [subscriptions] = await this.pubsub.getSubscriptions();
    return subscriptions
      .map((subscription) => subscription.name.split('/').pop()!)
      .filter((name) => name.startsWith(`${consumer}.`) && name.endsWith('.dead-letter'))
      .sort();
  }
}
