import { z } from 'zod';
import { deadLetterName, subscriptionName, topicForType } from '../events/event-envelope.js';
import type { ServiceDefinition } from './bootstrap-service.js';

/** The cloud resources the code uses: what Terraform and docker-compose must declare. */
export interface CloudResources {
  topics: string[];
  subscriptions: { name: string; topic: string; consumer: string; deadLetterTopic: string }[];
  deadLetterTopics: string[];
  /** Sensitive env vars per service (Secret Manager secrets in the cloud). */
  secrets: { service: string; env: string }[];
}

const sensitiveKeys = (schema: z.ZodObject): string[] =>
  Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([, field]) => z.globalRegistry.get(field)?.sensitive === true)
    .map(([key]) => key);

/** Derives topics, subscriptions, dead-letter topics and secrets from the service definitions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions differ only in their config schema
export function cloudResources(definitions: readonly ServiceDefinition<any>[]): CloudResources {
  const topics = new Set<string>();
  const subscriptions = new Map<string, CloudResources['subscriptions'][number]>();
  for (const def of definitions) {
    for (const type of def.events.publishes) topics.add(topicForType(type));
    for (const type of def.events.consumes) {
      const topic = topicForType(type);
      topics.add(topic);
      const name = subscriptionName(def.name, topic);
      subscriptions.set(name, { name, topic, consumer: def.name, deadLetterTopic: deadLetterName(name) });
    }
  }
  const subs = [...subscriptions.values()].sort((a, b) => a.name.localeCompare(b.name));
  return {
    topics: [...topics].sort(),
    subscriptions: subs,
    deadLetterTopics: subs.map((s) => s.deadLetterTopic),
    secrets: definitions.flatMap((def) => sensitiveKeys(def.configSchema).map((env) => ({ service: def.name, env }))),
  };
}
