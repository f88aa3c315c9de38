# Meridian on GCP: an empty project to everything the Helm chart and Cloud Build need.
#   terraform -chdir=terraform init -backend-config=environments/dev.backend.hcl
#   terraform -chdir=terraform apply -var-file=environments/dev.tfvars

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  name          = "meridian-${var.environment}"
  database_name = "meridian"
  # The app connects through the Cloud SQL Auth Proxy sidecar on 127.0.0.1:5432.
  database_host = "127.0.0.1:5432"
}

resource "google_project_service" "apis" {
  for_each = toset([
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "billingbudgets.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "compute.googleapis.com",
    "container.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "redis.googleapis.com",
    "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com",
    "sqladmin.googleapis.com",
    "sts.googleapis.com",
  ])
  service            = each.key
  disable_on_destroy = false
}

module "network" {
  source     = "./modules/network"
  name       = local.name
  region     = var.region
  depends_on = [google_project_service.apis]
}

module "iam" {
  source                 = "./modules/iam"
  project_id             = var.project_id
  project_number         = data.google_project.this.number
  services               = local.services
  k8s_namespace          = var.k8s_namespace
  helm_release           = var.helm_release
  artifact_repository_id = google_artifact_registry_repository.images.id
  depends_on             = [google_project_service.apis]
}

module "gke" {
  source                     = "./modules/gke"
  name                       = local.name
  project_id                 = var.project_id
  region                     = var.region
  network_id                 = module.network.network_id
  subnetwork_id              = module.network.subnetwork_id
  pods_range_name            = module.network.pods_range_name
  services_range_name        = module.network.services_range_name
  node_service_account       = module.iam.node_service_account_email
  master_authorized_networks = var.master_authorized_networks
  deletion_protection        = var.deletion_protection
}

module "cloudsql" {
  source                     = "./modules/cloudsql"
  name                       = local.name
  region                     = var.region
  network_id                 = module.network.network_id
  private_service_connection = module.network.private_service_connection
  tier                       = var.db_tier
  high_availability          = var.db_high_availability
  disk_size_gb               = var.db_disk_size_gb
  deletion_protection        = var.deletion_protection
}

module "pubsub" {
  source           = "./modules/pubsub"
  project_number   = data.google_project.this.number
  topics           = local.pubsub_topics
  subscriptions    = local.pubsub_subscriptions
  publishers       = local.pubsub_publishers
  service_accounts = module.iam.service_account_emails
  depends_on       = [google_project_service.apis]
}

module "bigquery" {
  source              = "./modules/bigquery"
  dataset_id          = local.warehouse_dataset
  location            = var.bigquery_location
  tables              = local.warehouse_tables
  writer              = module.iam.service_account_emails["analytics"]
  deletion_protection = var.deletion_protection
  depends_on          = [google_project_service.apis]
}

# ---- database roles: passwords generated here, URLs stored in Secret Manager; the roles
# themselves are created in the database by the chart's bootstrap hook (Cloud SQL API users
# would be members of cloudsqlsuperuser, which the app roles must never be).
resource "random_password" "app_role" {
  for_each = toset(local.services)
  length   = 32
  special  = false
}

resource "random_password" "migrator" {
  length  = 32
  special = false
}

resource "random_password" "auth_signing_key_secret" {
  length  = 48
  special = false
}

locals {
  migration_url = "postgresql://meridian_migrator:${random_password.migrator.result}@${local.database_host}/${local.database_name}"
  secret_values = {
    for name, s in local.service_secrets : name => (
      s.source == "database_url" ? "postgresql://meridian_${s.service}_app:${random_password.app_role[s.service].result}@${local.database_host}/${local.database_name}" :
      s.source == "migration_url" ? local.migration_url :
      s.source == "random" ? random_password.auth_signing_key_secret.result :
      var.smtp_url
    )
  }
  # Secrets read by the services at run time (DATABASE_MIGRATION_URL is only for the migration hook).
  runtime_secrets = {
    for service in local.services : service => concat(
      [for name, s in local.service_secrets : name if s.service == service && s.env != "DATABASE_MIGRATION_URL"],
      ["meridian-redis-url", "meridian-redis-ca"],
    )
  }
}

module "secrets" {
  source = "./modules/secrets"
  secrets = merge(
    { for name, s in local.service_secrets : name => { has_value = s.source != "smtp_url" || nonsensitive(var.smtp_url != "") } },
    {
      "meridian-db-admin-url" = { has_value = true }
      "meridian-redis-url"    = { has_value = true }
      "meridian-redis-ca"     = { has_value = true }
    },
  )
  values = merge(local.secret_values, {
    "meridian-db-admin-url" = "postgresql://postgres:${module.cloudsql.admin_password}@${local.database_host}/postgres"
    "meridian-redis-url"    = "rediss://:${google_redis_instance.cache.auth_string}@${google_redis_instance.cache.host}:${google_redis_instance.cache.port}"
    "meridian-redis-ca"     = join("\n", [for c in google_redis_instance.cache.server_ca_certs : c.cert])
  })
  # Who may read which secret (roles/secretmanager.secretAccessor on that secret only).
  accessors = merge(
    { for service, names in local.runtime_secrets : service => {
      member  = "serviceAccount:${module.iam.service_account_emails[service]}"
      secrets = names
    } },
    {
      migrate = {
        member = "serviceAccount:${module.iam.migrate_service_account_email}"
        secrets = concat(
          ["meridian-db-admin-url"],
          [for name, s in local.service_secrets : name if contains(["DATABASE_URL", "DATABASE_MIGRATION_URL"], s.env)],
        )
      }
    },
  )
  depends_on = [google_project_service.apis]
}

# ---- Firestore (native mode), Memorystore Redis, Artifact Registry, ingress IP, budget
resource "google_firestore_database" "default" {
  name                    = "(default)"
  location_id             = var.firestore_location
  type                    = "FIRESTORE_NATIVE"
  concurrency_mode        = "OPTIMISTIC"
  delete_protection_state = var.deletion_protection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
  deletion_policy         = "ABANDON"
  depends_on              = [google_project_service.apis]
}

resource "google_redis_instance" "cache" {
  name                    = "${local.name}-cache"
  region                  = var.region
  tier                    = var.redis_tier
  memory_size_gb          = var.redis_memory_size_gb
  redis_version           = "REDIS_7_2"
  authorized_network      = module.network.network_id
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  depends_on              = [module.network]
}

resource "google_artifact_registry_repository" "images" {
  repository_id = "meridian"
  location      = var.region
  format        = "DOCKER"
  description   = "Meridian images (one per service + web), tagged with the commit SHA"
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 30
    }
  }
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      older_than = "7776000s"
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_compute_global_address" "ingress" {
  name       = "${local.name}-ingress"
  depends_on = [google_project_service.apis]
}

resource "google_billing_budget" "monthly" {
  billing_account = var.billing_account
  display_name    = "${local.name} monthly budget"
  budget_filter {
    projects = ["projects/${data.google_project.this.number}"]
  }
  amount {
    specified_amount {
      currency_code = "USD"
      units         = tostring(var.monthly_budget_usd)
    }
  }
  threshold_rules {
    threshold_percent = 0.5
  }
  threshold_rules {
    threshold_percent = 0.9
  }
  threshold_rules {
    threshold_percent = 1.0
  }
  threshold_rules {
    threshold_percent = 1.0
    spend_basis       = "FORECASTED_SPEND"
  }
  all_updates_rule {
    monitoring_notification_channels = [for c in google_monitoring_notification_channel.budget : c.id]
    disable_default_iam_recipients   = false
  }
  depends_on = [google_project_service.apis]
}

resource "google_monitoring_notification_channel" "budget" {
  for_each     = toset(var.budget_alert_emails)
  display_name = "Meridian budget: ${each.key}"
  type         = "email"
  labels = {
    email_address = each.key
  }
}

# ---- Cloud Build: one trigger per environment, on pushes to deploy_branch
resource "google_cloudbuild_trigger" "deploy" {
  count           = var.github_owner == "" ? 0 : 1
  name            = "${local.name}-deploy"
  location        = "global"
  filename        = "cloudbuild.yaml"
  service_account = module.iam.cloudbuild_service_account_id
  github {
    owner = var.github_owner
    name  = var.github_repo
    push {
      branch = var.deploy_branch
    }
  }
  substitutions = {
    _ENV            = var.environment
    _REGION         = var.region
    _CLUSTER        = module.gke.name
    _AR_REPO        = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
    _SQL_INSTANCE   = module.cloudsql.connection_name
    _DOMAIN         = var.domain
    _STATIC_IP_NAME = google_compute_global_address.ingress.name
    _NAMESPACE      = var.k8s_namespace
    _RELEASE        = var.helm_release
  }
}
