# The analytics warehouse in BigQuery: one dataset, the warehouse tables (partitioned by
# day, clustered by workspace). The analytics service runs on DuckDB until its BigQuery
# adapter exists; the dataset and the service's access are ready for it.

variable "dataset_id" { type = string }
variable "location" { type = string }
variable "tables" {
  type = map(object({
    partition_field = string
    cluster_fields  = list(string)
    columns         = list(object({ name = string, type = string, mode = string }))
  }))
}
variable "writer" {
  description = "Google service account of the analytics service"
  type        = string
}
variable "deletion_protection" { type = bool }

resource "google_bigquery_dataset" "warehouse" {
  dataset_id                 = var.dataset_id
  location                   = var.location
  description                = "Meridian analytics warehouse (events per workspace)"
  delete_contents_on_destroy = !var.deletion_protection
}

resource "google_bigquery_table" "table" {
  for_each            = var.tables
  dataset_id          = google_bigquery_dataset.warehouse.dataset_id
  table_id            = each.key
  deletion_protection = var.deletion_protection
  schema              = jsonencode(each.value.columns)
  time_partitioning {
    type  = "DAY"
    field = each.value.partition_field
  }
  clustering = each.value.cluster_fields
}

resource "google_bigquery_dataset_iam_member" "writer" {
  dataset_id = google_bigquery_dataset.warehouse.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${var.writer}"
}

output "dataset_id" { value = google_bigquery_dataset.warehouse.dataset_id }
output "tables" { value = keys(google_bigquery_table.table) }
