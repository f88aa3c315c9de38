# dev: smallest footprint; everything may be destroyed.
project_id           = "meridian-dev"
environment          = "dev"
region               = "us-central1"
domain               = "dev.meridian.example.com"
billing_account      = "000000-000000-000000"
monthly_budget_usd   = 300
db_tier              = "db-custom-1-3840"
db_high_availability = false
db_disk_size_gb      = 20
redis_tier           = "BASIC"
redis_memory_size_gb = 1
deletion_protection  = false
deploy_branch        = "^main$"
