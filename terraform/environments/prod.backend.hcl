# terraform -chdir=terraform init -backend-config=environments/prod.backend.hcl
bucket = "meridian-prod-meridian-tfstate"
prefix = "meridian/prod"
