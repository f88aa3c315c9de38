# Cloud SQL for PostgreSQL 15: private IP only, client certificates required (every
# connection goes through the Cloud SQL Auth Proxy: IAM-authorised, TLS), daily backups
# kept 30 days, point-in-time recovery (7 days of write-ahead logs), HA in prod.
# The `postgres` password is generated here; the database and Meridian's roles are created
# by the chart's bootstrap hook (helm/meridian/files/db-bootstrap.sql).

variable "name" { type = string }
variable "region" { type = string }
variable "network_id" { type = string }
variable "private_service_connection" { type = string }
variable "tier" { type = string }
variable "high_availability" { type = bool }
variable "disk_size_gb" { type = number }
variable "deletion_protection" { type = bool }

resource "random_password" "admin" {
  length  = 32
  special = false
}

resource "random_id" "suffix" {
  byte_length = 3
}

resource "google_sql_database_instance" "postgres" {
  # Instance names cannot be reused for a week after deletion: a suffix keeps rebuilds possible.
  name                = "${var.name}-pg-${random_id.suffix.hex}"
  region              = var.region
  database_version    = "POSTGRES_15"
  root_password       = random_password.admin.result
  deletion_protection = var.deletion_protection

  settings {
    tier                        = var.tier
    edition                     = "ENTERPRISE"
    availability_type           = var.high_availability ? "REGIONAL" : "ZONAL"
    disk_type                   = "PD_SSD"
    disk_size                   = var.disk_size_gb
    disk_autoresize             = true
    deletion_protection_enabled = var.deletion_protection

    ip_configuration {
      ipv4_enabled    = false
      private_network = var.network_id
      ssl_mode        = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
    }

    backup_configuration {
      enabled                        = true
      start_time                     = "02:00"
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = 7
      backup_retention_settings {
        retained_backups = 30
        retention_unit   = "COUNT"
      }
    }

    maintenance_window {
      day          = 7
      hour         = 3
      update_track = "stable"
    }

    insights_config {
      query_insights_enabled  = true
      record_application_tags = true
    }

    database_flags {
      name  = "log_min_duration_statement"
      value = "1000"
    }
  }

  depends_on = [var.private_service_connection]
}

output "connection_name" { value = google_sql_database_instance.postgres.connection_name }
output "instance_name" { value = google_sql_database_instance.postgres.name }
output "admin_password" {
  value     = random_password.admin.result
  sensitive = true
}
