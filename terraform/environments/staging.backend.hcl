# terraform -chdir=terraform init -backend-config=environments/staging.backend.hcl
bucket = "meridian-staging-meridian-tfstate"
prefix = "meridian/staging"
