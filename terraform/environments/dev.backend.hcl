# terraform -chdir=terraform init -backend-config=environments/dev.backend.hcl
bucket = "meridian-dev-meridian-tfstate"
prefix = "meridian/dev"
