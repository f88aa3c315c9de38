# Topics per producing domain, subscriptions per consumer with message ordering, retry
# backoff and a dead-letter policy (a backstop: the adapter dead-letters itself, with the
# error, see services/platform/src/events/pubsub/pubsub-event-bus.ts), dead-letter topics
# with their own subscriptions, and the IAM each service needs on exactly these resources.

variable "project_number" { type = string }
variable "topics" { type = list(string) }
variable "subscriptions" {
  type = map(object({ topic = string, consumer = string, dead_letter_topic = string }))
}
variable "publishers" { type = map(list(string)) }
variable "service_accounts" {
  description = "service name => Google service account email"
  type        = map(string)
}

locals {
  pubsub_agent = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  topic_publishers = merge([
    for topic, services in var.publishers : { for s in services : "${topic}/${s}" => { topic = topic, service = s } }
  ]...)
}

resource "google_pubsub_topic" "topic" {
  for_each                   = toset(var.topics)
  name                       = each.key
  message_retention_duration = "86400s"
}

resource "google_pubsub_topic" "dead_letter" {
  for_each = var.subscriptions
  name     = each.value.dead_letter_topic
}

resource "google_pubsub_subscription" "dead_letter" {
  for_each                   = var.subscriptions
  name                       = each.value.dead_letter_topic
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "subscription" {
  for_each                   = var.subscriptions
  name                       = each.key
  topic                      = google_pubsub_topic.topic[each.value.topic].id
  ack_deadline_seconds       = 60
  enable_message_ordering    = true
  message_retention_duration = "604800s"
  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[each.key].id
    max_delivery_attempts = 100
  }
  expiration_policy {
    ttl = ""
  }
}

# Producers publish to their domain topic.
resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = local.topic_publishers
  topic    = google_pubsub_topic.topic[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.service_accounts[each.value.service]}"
}

# Consumers pull their subscription and its dead-letter subscription, publish dead letters,
# and re-publish a replayed dead letter to the source topic.
resource "google_pubsub_subscription_iam_member" "consumer" {
  for_each     = var.subscriptions
  subscription = google_pubsub_subscription.subscription[each.key].id
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${var.service_accounts[each.value.consumer]}"
}

resource "google_pubsub_subscription_iam_member" "consumer_dead_letter" {
  for_each     = var.subscriptions
  subscription = google_pubsub_subscription.dead_letter[each.key].id
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${var.service_accounts[each.value.consumer]}"
}

resource "google_pubsub_topic_iam_member" "consumer_dead_letter" {
  for_each = var.subscriptions
  topic    = google_pubsub_topic.dead_letter[each.key].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.service_accounts[each.value.consumer]}"
}

resource "google_pubsub_topic_iam_member" "consumer_replay" {
  for_each = var.subscriptions
  topic    = google_pubsub_topic.topic[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.service_accounts[each.value.consumer]}"
}

# Pub/Sub's own dead-letter policy forwards as the Pub/Sub service agent.
resource "google_pubsub_topic_iam_member" "agent_dead_letter" {
  for_each = var.subscriptions
  topic    = google_pubsub_topic.dead_letter[each.key].id
  role     = "roles/pubsub.publisher"
  member   = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "agent_source" {
  for_each     = var.subscriptions
  subscription = google_pubsub_subscription.subscription[each.key].id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

output "topics" { value = concat(keys(google_pubsub_topic.topic), [for t in google_pubsub_topic.dead_letter : t.name]) }
output "subscriptions" { value = concat(keys(google_pubsub_subscription.subscription), [for s in google_pubsub_subscription.dead_letter : s.name]) }
