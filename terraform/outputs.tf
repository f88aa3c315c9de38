output "cluster_name" {
  value = module.gke.name
}

output "cluster_dns_endpoint" {
  description = "gcloud container clusters get-credentials <cluster> --region <region> --dns-endpoint"
  value       = module.gke.dns_endpoint
}

output "sql_instance_connection_name" {
  value = module.cloudsql.connection_name
}

output "artifact_registry" {
  value = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "ingress_ip" {
  description = "Point the domain's A record here"
  value       = google_compute_global_address.ingress.address
}

output "ingress_ip_name" {
  value = google_compute_global_address.ingress.name
}

output "bigquery_dataset" {
  value = module.bigquery.dataset_id
}

output "pubsub_topics" {
  value = module.pubsub.topics
}

output "pubsub_subscriptions" {
  value = module.pubsub.subscriptions
}

output "service_accounts" {
  value = module.iam.service_account_emails
}

output "helm_set_flags" {
  description = "The --set flags cloudbuild.yaml passes to helm for this environment"
  value = join(" ", [
    "--set image.repository=${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}",
    "--set gcp.projectId=${var.project_id}",
    "--set gcp.region=${var.region}",
    "--set gcp.clusterName=${module.gke.name}",
    "--set cloudSql.instanceConnectionName=${module.cloudsql.connection_name}",
    "--set ingress.host=${var.domain}",
    "--set ingress.staticIpName=${google_compute_global_address.ingress.name}",
  ])
}
