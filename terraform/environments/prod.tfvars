# prod: HA database and Redis, deletion protection (see the cost estimate in docs/deployment.md).
project_id           = "meridian-prod"
environment          = "prod"
region               = "us-central1"
domain               = "app.meridian.example.com"
billing_account      = "000000-000000-000000"
monthly_budget_usd   = 1500
db_tier              = "db-custom-4-15360"
db_high_availability = true
db_disk_size_gb      = 100
redis_tier           = "STANDARD_HA"
redis_memory_size_gb = 2
deletion_protection  = true
deploy_branch        = "^prod$"
