# What the code uses, written out literally so that deploy/test/cloud-resources.spec.ts
# can compare it with cloudResources() (services/platform/src/bootstrap/cloud-resources.ts)
# and with docker-compose.yml. A service that starts publishing or consuming an event, or
# declares a new sensitive setting, fails that test until it is added here (the test
# prints the expected entries).

locals {
  services = ["users", "crm", "ai", "workflow", "communication", "analytics"]

  # One topic per producing domain.
  pubsub_topics = [
    "meridian.crm.events",
    "meridian.users.events",
  ]

  # Who publishes to which topic (IAM: roles/pubsub.publisher on the topic).
  pubsub_publishers = {
    "meridian.crm.events"   = ["crm"]
    "meridian.users.events" = ["users"]
  }

  # One subscription per consumer and topic, each with its dead-letter topic (and a
  # subscription on it, so dead letters can be listed and replayed).
  pubsub_subscriptions = {
    "analytics.crm" = { topic = "meridian.crm.events", consumer = "analytics", dead_letter_topic = "analytics.crm.dead-letter" }
    "workflow.crm"  = { topic = "meridian.crm.events", consumer = "workflow", dead_letter_topic = "workflow.crm.dead-letter" }
    "crm.users"     = { topic = "meridian.users.events", consumer = "crm", dead_letter_topic = "crm.users.dead-letter" }
  }

  # Sensitive settings of each service: Secret Manager secret meridian-<service>-<env in
  # kebab case>. `source` says where the value comes from: database_url (the service's
  # app role), migration_url (the migrator role), random (generated here), smtp_url
  # (var.smtp_url, a version only when set). EVENT_BUS_DATABASE_URL is not here: only the
  # Postgres bus reads it and every environment runs EVENT_BUS=pubsub (asserted by the test).
  service_secrets = {
    "meridian-users-database-url"                   = { service = "users", env = "DATABASE_URL", source = "database_url" }
    "meridian-users-database-migration-url"         = { service = "users", env = "DATABASE_MIGRATION_URL", source = "migration_url" }
    "meridian-users-auth-signing-key-secret"        = { service = "users", env = "AUTH_SIGNING_KEY_SECRET", source = "random" }
    "meridian-crm-database-url"                     = { service = "crm", env = "DATABASE_URL", source = "database_url" }
    "meridian-crm-database-migration-url"           = { service = "crm", env = "DATABASE_MIGRATION_URL", source = "migration_url" }
    "meridian-ai-database-url"                      = { service = "ai", env = "DATABASE_URL", source = "database_url" }
    "meridian-ai-database-migration-url"            = { service = "ai", env = "DATABASE_MIGRATION_URL", source = "migration_url" }
    "meridian-workflow-database-url"                = { service = "workflow", env = "DATABASE_URL", source = "database_url" }
    "meridian-workflow-database-migration-url"      = { service = "workflow", env = "DATABASE_MIGRATION_URL", source = "migration_url" }
    "meridian-communication-database-url"           = { service = "communication", env = "DATABASE_URL", source = "database_url" }
    "meridian-communication-database-migration-url" = { service = "communication", env = "DATABASE_MIGRATION_URL", source = "migration_url" }
    "meridian-communication-smtp-url"               = { service = "communication", env = "SMTP_URL", source = "smtp_url" }
    "meridian-analytics-database-url"               = { service = "analytics", env = "DATABASE_URL", source = "database_url" }
    "meridian-analytics-database-migration-url"     = { service = "analytics", env = "DATABASE_MIGRATION_URL", source = "migration_url" }
  }

  # BigQuery warehouse tables: the same tables and columns as the DuckDB warehouse
  # (services/analytics/src/warehouse/duckdb-warehouse.ts), for the BigQuery adapter.
  warehouse_dataset = "meridian_analytics"
  warehouse_tables = {
    contact_created = {
      partition_field = "created_at"
      cluster_fields  = ["workspace_id"]
      columns = [
        { name = "event_id", type = "STRING", mode = "REQUIRED" },
        { name = "workspace_id", type = "STRING", mode = "REQUIRED" },
        { name = "contact_id", type = "STRING", mode = "REQUIRED" },
        { name = "created_at", type = "TIMESTAMP", mode = "REQUIRED" },
      ]
    }
  }
}
