# EMR: the service role, the cluster's instance role (scoped to these buckets, the warehouse
# secret and Delta's log table), and a security configuration the Lambda names.
resource "aws_iam_role" "emr_service" {
  name = "${local.name}-emr-service"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "elasticmapreduce.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

# AWS's managed v2 policy: it acts only on resources tagged
# for-use-with-amazon-emr-managed-policies=true: the clusters (the trigger tags them), the
# subnet (tagged below) and any security groups you bring.
resource "aws_iam_role_policy_attachment" "emr_service" {
  role       = aws_iam_role.emr_service.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"
}

resource "aws_iam_role" "emr_instance" {
  name = "${local.name}-emr-instance"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_instance_profile" "emr_instance" {
  name = "${local.name}-emr-instance"
  role = aws_iam_role.emr_instance.name
}

locals {
  data_arn      = aws_s3_bucket.this["data"].arn
  artifacts_arn = aws_s3_bucket.this["artifacts"].arn
  logs_arn      = aws_s3_bucket.this["logs"].arn

  emr_instance_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListBuckets"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:GetBucketLocation"]
        Resource = [local.data_arn, local.artifacts_arn, local.logs_arn]
      },
      {
        # Read incoming/, write the lake, move files to archive/ and rejected/.
        Sid      = "LakeReadWrite"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
        Resource = "${local.data_arn}/*"
      },
      {
        Sid      = "ReadArtifacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = ["${local.artifacts_arn}/jars/*", "${local.artifacts_arn}/config/*"]
      },
      {
        Sid      = "WriteLogs"
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = "${local.logs_arn}/emr/*"
      },
      {
        Sid      = "WarehouseSecret"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
        Resource = aws_secretsmanager_secret.warehouse.arn
      },
      {
        # The job registers the lake's tables in the stack's database, and only there.
        Sid    = "CatalogRegistration"
        Effect = "Allow"
        Action = ["glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable"]
        Resource = [
          "${local.glue_arn}:catalog",
          "${local.glue_arn}:database/${aws_glue_catalog_database.lake.name}",
          "${local.glue_arn}:table/${aws_glue_catalog_database.lake.name}/*",
        ]
      },
      {
        Sid      = "DeltaLogStore"
        Effect   = "Allow"
        Action   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"]
        Resource = aws_dynamodb_table.delta_log.arn
      },
      {
        Sid      = "LocalDiskEncryption"
        Effect   = "Allow"
        Action   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"]
        Resource = aws_kms_key.emr.arn
      },
      {
        Sid       = "JobMetrics"
        Effect    = "Allow"
        Action    = ["cloudwatch:PutMetricData"]
        Resource  = "*"
        Condition = { StringEquals = { "cloudwatch:namespace" = "OlistIngestion" } }
      },
    ]
  }
}

resource "aws_iam_role_policy" "emr_instance" {
  name   = "ingestion-job"
  role   = aws_iam_role.emr_instance.id
  policy = jsonencode(local.emr_instance_policy)
}

# The subnet is not this stack's; only the tag the managed policy needs is.
resource "aws_ec2_tag" "emr_subnet_managed_policy" {
  resource_id = var.subnet_id
  key         = "for-use-with-amazon-emr-managed-policies"
  value       = "true"
}

# EBS encryption at launch is done by EMR's service role on the cluster's behalf, so the key
# policy must admit it (an IAM policy alone does not: the key policy names who may use a key).
resource "aws_kms_key" "emr" {
  description         = "${local.name} EMR local disk encryption"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "EmrEncryptsClusterVolumes"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.emr_service.arn }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"]
        Resource  = "*"
      },
      {
        Sid       = "EmrGrantsVolumesTheKey"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.emr_service.arn }
        Action    = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
        Resource  = "*"
        Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
      },
    ]
  })
}

resource "aws_emr_security_configuration" "this" {
  name = "${local.name}-emr"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableInTransitEncryption = false
      EnableAtRestEncryption    = true
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" }
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = aws_kms_key.emr.arn
          EnableEbsEncryption       = true
        }
      }
    }
    InstanceMetadataServiceConfiguration = {
      MinimumInstanceMetadataServiceVersion = 2
      HttpPutResponseHopLimit               = 2
    }
  })
}
