# Secret Manager secrets (automatic replication), their current versions, and per-secret
# accessor bindings: each identity can read only the secrets listed for it.

variable "secrets" {
  description = "secret name => { has_value }: without a value the secret exists with no version (set by an operator)"
  type        = map(object({ has_value = bool }))
}

variable "values" {
  type      = map(string)
  sensitive = true
}

variable "accessors" {
  description = "identity key => { member, secrets }"
  type        = map(object({ member = string, secrets = list(string) }))
}

locals {
  bindings = merge([
    for key, a in var.accessors : { for s in a.secrets : "${s}/${key}" => { secret = s, member = a.member } }
  ]...)
}

resource "google_secret_manager_secret" "secret" {
  for_each  = var.secrets
  secret_id = each.key
  replication {
    auto {}
  }
  labels = {
    app = "meridian"
  }
}

resource "google_secret_manager_secret_version" "current" {
  for_each    = toset([for name, s in var.secrets : name if s.has_value])
  secret      = google_secret_manager_secret.secret[each.key].id
  secret_data = var.values[each.key]
}

resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each  = local.bindings
  secret_id = google_secret_manager_secret.secret[each.value.secret].id
  role      = "roles/secretmanager.secretAccessor"
  member    = each.value.member
}

output "secret_ids" { value = keys(google_secret_manager_secret.secret) }
