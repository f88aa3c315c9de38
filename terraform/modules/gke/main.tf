# GKE Autopilot: regional, private nodes, Workload Identity (always on in Autopilot),
# Dataplane V2 (NetworkPolicy enforcement), a dedicated least-privilege node service
# account. Control plane: DNS-based endpoint authorised by IAM (Cloud Build and operators
# use `get-credentials --dns-endpoint`), public IP endpoint only for authorised networks.

variable "name" { type = string }
variable "project_id" { type = string }
variable "region" { type = string }
variable "network_id" { type = string }
variable "subnetwork_id" { type = string }
variable "pods_range_name" { type = string }
variable "services_range_name" { type = string }
variable "node_service_account" { type = string }
variable "master_authorized_networks" {
  type = list(object({ cidr_block = string, display_name = string }))
}
variable "deletion_protection" { type = bool }

resource "google_container_cluster" "autopilot" {
  name             = var.name
  location         = var.region
  enable_autopilot = true
  network          = var.network_id
  subnetwork       = var.subnetwork_id

  ip_allocation_policy {
    cluster_secondary_range_name  = var.pods_range_name
    services_secondary_range_name = var.services_range_name
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }

  control_plane_endpoints_config {
    dns_endpoint_config {
      allow_external_traffic = true
    }
  }

  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false
    dynamic "cidr_blocks" {
      for_each = var.master_authorized_networks
      content {
        cidr_block   = cidr_blocks.value.cidr_block
        display_name = cidr_blocks.value.display_name
      }
    }
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  cluster_autoscaling {
    auto_provisioning_defaults {
      service_account = var.node_service_account
      oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    }
  }

  release_channel {
    channel = "REGULAR"
  }

  maintenance_policy {
    recurring_window {
      start_time = "2025-01-04T03:00:00Z"
      end_time   = "2025-01-04T09:00:00Z"
      recurrence = "FREQ=WEEKLY;BYDAY=SA,SU"
    }
  }

  deletion_protection = var.deletion_protection
}

output "name" { value = google_container_cluster.autopilot.name }
output "dns_endpoint" { value = google_container_cluster.autopilot.control_plane_endpoints_config[0].dns_endpoint_config[0].endpoint }
