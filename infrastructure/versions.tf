terraform {
  required_version = ">= 1.10.0" # the S3 backend's use_lockfile, which every init here uses

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40.0, < 6.0.0"
    }
  }

  # State lives in a bucket you own; configure it at init time:
  #   terraform init -backend-config="bucket=..." -backend-config="key=olist/dev.tfstate" \
  #     -backend-config="region=eu-west-1" -backend-config="use_lockfile=true"
  backend "s3" {}
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge(var.tags, {
      project     = var.project
      environment = var.environment
      managed-by  = "terraform"
    })
  }
}
