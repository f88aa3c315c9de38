variable "project_id" {
  description = "GCP project of this environment. One project per environment: Pub/Sub topic names are fixed by the code."
  type        = string
}

variable "environment" {
  description = "dev, staging or prod"
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "region" {
  type    = string
  default = "us-central1"
}

variable "domain" {
  description = "Public host name of the web app and API, e.g. crm.example.com (its DNS A record must point at the ingress_ip output)."
  type        = string
}

variable "k8s_namespace" {
  description = "Kubernetes namespace the Helm release is installed in (Workload Identity bindings name it)."
  type        = string
  default     = "meridian"
}

variable "helm_release" {
  description = "Name prefix of the chart's objects (the release name, \"meridian\"): its ServiceAccounts are <helm_release>-<service> and <helm_release>-migrate."
  type        = string
  default     = "meridian"
}

variable "master_authorized_networks" {
  description = "CIDRs allowed to reach the cluster's public IP endpoint (operators). Cloud Build uses the DNS endpoint, authorised by IAM."
  type        = list(object({ cidr_block = string, display_name = string }))
  default     = []
}

variable "db_tier" {
  description = "Cloud SQL machine tier"
  type        = string
  default     = "db-custom-1-3840"
}

variable "db_high_availability" {
  description = "REGIONAL (HA, automatic failover) instead of ZONAL"
  type        = bool
  default     = false
}

variable "db_disk_size_gb" {
  type    = number
  default = 20
}

variable "redis_tier" {
  description = "BASIC or STANDARD_HA"
  type        = string
  default     = "BASIC"
}

variable "redis_memory_size_gb" {
  type    = number
  default = 1
}

variable "bigquery_location" {
  type    = string
  default = "US"
}

variable "firestore_location" {
  description = "Firestore location (a multi-region such as nam5, or a region)"
  type        = string
  default     = "nam5"
}

variable "smtp_url" {
  description = "smtp(s)://user:pass@host:port for outbound email. Empty: the secret exists without a version and email stays in the dev outbox (the chart does not map SMTP_URL)."
  type        = string
  default     = ""
  sensitive   = true
}

variable "billing_account" {
  description = "Billing account ID (XXXXXX-XXXXXX-XXXXXX) for the budget alert"
  type        = string
}

variable "monthly_budget_usd" {
  type    = number
  default = 500
}

variable "budget_alert_emails" {
  description = "Extra e-mail recipients are configured as notification channels; billing admins always get the alert."
  type        = list(string)
  default     = []
}

variable "github_owner" {
  description = "GitHub owner of the repository for the Cloud Build trigger (needs the Cloud Build GitHub App installed once). Empty: no trigger."
  type        = string
  default     = ""
}

variable "github_repo" {
  type    = string
  default = "meridian"
}

variable "deploy_branch" {
  description = "Branch whose pushes deploy this environment (regular expression)"
  type        = string
  default     = "^main$"
}

variable "deletion_protection" {
  description = "Protect the cluster, the database and the dataset from terraform destroy"
  type        = bool
  default     = true
}
