# Three buckets: data (incoming/, archive/, rejected/, lake/), artifacts (jars, job config,
# Lambda claim markers) and logs (EMR). All private, versioned, encrypted, TLS only.
locals {
  buckets = {
    data      = "${local.name}-data-${local.account_id}"
    artifacts = "${local.name}-artifacts-${local.account_id}"
    logs      = "${local.name}-logs-${local.account_id}"
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket = each.value
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [each.value.arn, "${each.value.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.this["data"].id

  rule {
    id     = "archive-to-cold"
    status = "Enabled"
    filter {
      prefix = "archive/"
    }
    transition {
      days          = var.archive_to_cold_after_days
      storage_class = "GLACIER_IR"
    }
  }

  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.this["artifacts"].id

  # A claim only has to outlive S3's and SQS's redelivery of the same event.
  rule {
    id     = "expire-claims"
    status = "Enabled"
    filter {
      prefix = local.claim_prefix
    }
    expiration {
      days = 14
    }
  }

  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.this["logs"].id

  rule {
    id     = "expire-logs"
    status = "Enabled"
    filter {}
    expiration {
      days = var.log_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }
}

# What EMR runs: the job jar, Delta's DynamoDB log store and the rendered job settings. The
# etags make a new build or a settings change an update on the next apply.
resource "aws_s3_object" "job_jar" {
  bucket = aws_s3_bucket.this["artifacts"].id
  key    = local.job_jar_key
  source = var.job_jar_path
  etag   = filemd5(var.job_jar_path)
}

resource "aws_s3_object" "delta_log_store_jar" {
  count = local.delta_log_enabled ? 1 : 0

  bucket = aws_s3_bucket.this["artifacts"].id
  key    = local.delta_jar_key
  source = var.delta_dynamodb_jar_path
  etag   = filemd5(var.delta_dynamodb_jar_path)
}

resource "aws_s3_object" "job_config" {
  bucket       = aws_s3_bucket.this["artifacts"].id
  key          = local.job_config_key
  content      = yamlencode(local.job_settings)
  content_type = "application/yaml"
  etag         = md5(yamlencode(local.job_settings))
}
