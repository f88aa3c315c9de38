# staging: production topology at a smaller size.
project_id           = "meridian-staging"
environment          = "staging"
region               = "us-central1"
domain               = "staging.meridian.example.com"
billing_account      = "000000-000000-000000"
monthly_budget_usd   = 600
db_tier              = "db-custom-2-7680"
db_high_availability = false
db_disk_size_gb      = 50
redis_tier           = "BASIC"
redis_memory_size_gb = 1
deletion_protection  = true
deploy_branch        = "^release/.*$"
