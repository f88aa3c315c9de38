terraform {
  required_version = ">= 1.6.0"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.14.0, < 8.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6.0"
    }
  }
  # Remote state in GCS (bucket from terraform/bootstrap):
  #   terraform init -backend-config=environments/<env>.backend.hcl
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region
  # The Billing Budgets API needs a quota project.
  user_project_override = true
  billing_project       = var.project_id
}
