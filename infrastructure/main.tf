data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name       = "${var.project}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  # What the Lambda accepts; the S3 notification filters are built from the same values.
  incoming_prefix   = "incoming/"
  accepted_suffixes = [".csv", ".xlsx"]
  claim_prefix      = "claims/"

  lake_uri          = "s3://${aws_s3_bucket.this["data"].bucket}/lake"
  job_jar_key       = "jars/ingestion-job.jar"
  delta_jar_key     = "jars/delta-storage-s3-dynamodb.jar"
  job_config_key    = "config/${var.environment}.yaml"
  delta_log_enabled = var.delta_dynamodb_jar_path != null

  # The dataset registry the job reads: alarms are made per dataset from it.
  datasets = keys(yamldecode(file("${path.module}/../config/datasets.yaml")).datasets)

  # The job's settings: the repository's environment file, plus what only this deployment
  # knows (the lake, Delta's log store table, the warehouse and its secret).
  base_settings = yamldecode(file("${path.module}/../config/environments/${var.environment}.yaml"))
  job_settings = merge(local.base_settings, {
    lake = local.lake_uri
    spark = {
      conf = merge(local.base_settings.spark.conf, local.delta_log_enabled ? {
        "spark.delta.logStore.s3.impl"                            = "io.delta.storage.S3DynamoDBLogStore"
        "spark.io.delta.storage.S3DynamoDBLogStore.ddb.tableName" = aws_dynamodb_table.delta_log.name
        "spark.io.delta.storage.S3DynamoDBLogStore.ddb.region"    = var.aws_region
      } : {})
    }
    catalog = {
      type     = "glue"
      database = aws_glue_catalog_database.lake.name
    }
    warehouse = var.snowflake_jdbc_url == null ? { type = "none" } : {
      type       = "snowflake"
      url        = var.snowflake_jdbc_url
      schema     = var.warehouse_schema
      secret_arn = aws_secretsmanager_secret.warehouse.arn
    }
  })
}
