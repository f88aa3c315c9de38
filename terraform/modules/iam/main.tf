# Google service accounts and their project-level roles:
# - one per service (Workload Identity: the chart's ServiceAccount <release>-<service>);
#   resource-level grants (topics, subscriptions, secrets, dataset) are made next to the
#   resources, in the pubsub, secrets and bigquery modules;
# - `migrate` for the chart's migration hook (Cloud SQL client + the database secrets);
# - the GKE nodes (minimal node role + image pulls);
# - Cloud Build (push images, deploy to the cluster).

variable "project_id" { type = string }
variable "project_number" { type = string }
variable "services" { type = list(string) }
variable "k8s_namespace" { type = string }
variable "helm_release" { type = string }
variable "artifact_repository_id" { type = string }

locals {
  wi_member = "serviceAccount:${var.project_id}.svc.id.goog[${var.k8s_namespace}/%s]"
  # Every service: connect to Cloud SQL through the proxy; list/get topics and
  # subscriptions (the bus pings with a topic list and checks a subscription exists
  # before use; reading metadata only, no publish or pull).
  service_project_roles = ["roles/cloudsql.client", "roles/pubsub.viewer"]
  extra_project_roles = {
    # the BigQuery adapter (dataset access is granted on the dataset)
    analytics = ["roles/bigquery.jobUser"]
  }
  service_roles = merge(
    { for s in var.services : "${s}/roles/cloudsql.client" => { service = s, role = "roles/cloudsql.client" } },
    { for s in var.services : "${s}/roles/pubsub.viewer" => { service = s, role = "roles/pubsub.viewer" } },
    merge([for s, roles in local.extra_project_roles : { for r in roles : "${s}/${r}" => { service = s, role = r } }]...),
  )
}

resource "google_service_account" "service" {
  for_each     = toset(var.services)
  account_id   = "meridian-${each.key}"
  display_name = "Meridian ${each.key} service"
}

resource "google_project_iam_member" "service" {
  for_each = local.service_roles
  project  = var.project_id
  role     = each.value.role
  member   = "serviceAccount:${google_service_account.service[each.value.service].email}"
}

resource "google_service_account_iam_member" "service_workload_identity" {
  for_each           = toset(var.services)
  service_account_id = google_service_account.service[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  member             = format(local.wi_member, "${var.helm_release}-${each.key}")
}

resource "google_service_account" "migrate" {
  account_id   = "meridian-migrate"
  display_name = "Meridian migrations (Helm hook)"
}

resource "google_project_iam_member" "migrate_sql" {
  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.migrate.email}"
}

resource "google_service_account_iam_member" "migrate_workload_identity" {
  service_account_id = google_service_account.migrate.name
  role               = "roles/iam.workloadIdentityUser"
  member             = format(local.wi_member, "${var.helm_release}-migrate")
}

resource "google_service_account" "nodes" {
  account_id   = "meridian-gke-nodes"
  display_name = "Meridian GKE nodes"
}

resource "google_project_iam_member" "nodes" {
  project = var.project_id
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.nodes.email}"
}

resource "google_artifact_registry_repository_iam_member" "nodes_pull" {
  repository = var.artifact_repository_id
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.nodes.email}"
}

resource "google_service_account" "cloudbuild" {
  account_id   = "meridian-cloudbuild"
  display_name = "Meridian Cloud Build (build, push, deploy)"
}

resource "google_artifact_registry_repository_iam_member" "cloudbuild_push" {
  repository = var.artifact_repository_id
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.cloudbuild.email}"
}

# container.admin: the deploy installs the External Secrets Operator (CRDs, cluster roles)
# besides the chart; container.developer cannot create RBAC objects.
resource "google_project_iam_member" "cloudbuild" {
  for_each = toset(["roles/container.admin", "roles/logging.logWriter"])
  project  = var.project_id
  role     = each.key
  member   = "serviceAccount:${google_service_account.cloudbuild.email}"
}

output "service_account_emails" { value = { for s, sa in google_service_account.service : s => sa.email } }
output "migrate_service_account_email" { value = google_service_account.migrate.email }
output "node_service_account_email" { value = google_service_account.nodes.email }
output "cloudbuild_service_account_id" { value = google_service_account.cloudbuild.id }
