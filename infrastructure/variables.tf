variable "project" {
  description = "Prefix of every resource name; lower case, used in bucket names."
  type        = string
  default     = "olist-lakehouse"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.project))
    error_message = "project must be 3-31 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Deployment environment; selects config/environments/<environment>.yaml as the job's base settings."
  type        = string

  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod (a config/environments/<name>.yaml must exist for it)."
  }
}

variable "aws_region" {
  description = "AWS region of every resource."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like eu-west-1."
  }
}

variable "job_jar_path" {
  description = "Local path of the built job uber-jar (mvn -B package)."
  type        = string
  default     = "../ingestion-job/target/ingestion-job.jar"
}

variable "lambda_jar_path" {
  description = "Local path of the built Lambda jar (mvn -B package)."
  type        = string
  default     = "../lambda-trigger/target/lambda-trigger.jar"
}

variable "delta_dynamodb_jar_path" {
  description = "Local path of io.delta:delta-storage-s3-dynamodb:3.3.2 (Delta's multi-cluster log store; see the README for the download command). Null disables the DynamoDB log store: then only one cluster may write a table at a time."
  type        = string
  default     = "../build/delta-storage-s3-dynamodb-3.3.2.jar"
}

variable "snowflake_jdbc_url" {
  description = "Snowflake JDBC URL the job publishes to, e.g. jdbc:snowflake://<account>.snowflakecomputing.com/?db=OLIST&warehouse=INGEST_WH&role=INGESTION_ROLE. Null publishes nowhere (silver only)."
  type        = string
  default     = null

  validation {
    condition     = var.snowflake_jdbc_url == null || can(regex("^jdbc:snowflake://[^/]+/\\?.*db=.*warehouse=", var.snowflake_jdbc_url))
    error_message = "snowflake_jdbc_url must be jdbc:snowflake://<account>.snowflakecomputing.com/?db=...&warehouse=...[&role=...]."
  }
}

variable "warehouse_schema" {
  description = "Schema of the RAW tables in the warehouse."
  type        = string
  default     = "raw"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,127}$", var.warehouse_schema))
    error_message = "warehouse_schema must be a plain SQL identifier."
  }
}

variable "emr_release_label" {
  description = "EMR release of the transient clusters; 7.x (Spark 3.5, Java 17)."
  type        = string
  default     = "emr-7.5.0"

  validation {
    condition     = can(regex("^emr-7\\.[0-9]+\\.[0-9]+$", var.emr_release_label))
    error_message = "emr_release_label must be an EMR 7.x release such as emr-7.5.0."
  }
}

variable "primary_instance_type" {
  description = "EC2 type of the primary node (on demand)."
  type        = string
  default     = "m5.xlarge"
}

variable "core_instance_type" {
  description = "EC2 type of the core nodes."
  type        = string
  default     = "m5.xlarge"
}

variable "core_instance_count" {
  description = "Number of core nodes per cluster."
  type        = number
  default     = 2

  validation {
    condition     = var.core_instance_count >= 1 && var.core_instance_count <= 100
    error_message = "core_instance_count must be between 1 and 100."
  }
}

variable "core_on_spot" {
  description = "Run core nodes on Spot (the job is idempotent per file, so a lost node costs a retry, not data)."
  type        = bool
  default     = true
}

variable "idle_timeout_seconds" {
  description = "EMR auto-termination after this much idle time, a safety net behind the cluster ending after its last step."
  type        = number
  default     = 900

  validation {
    condition     = var.idle_timeout_seconds >= 60 && var.idle_timeout_seconds <= 604800
    error_message = "idle_timeout_seconds must be between 60 and 604800."
  }
}

variable "subnet_id" {
  description = "Subnet of the EMR clusters (private, with an S3 gateway endpoint and a route to Snowflake). Required: AmazonEMRServicePolicy_v2 launches only into a subnet tagged for-use-with-amazon-emr-managed-policies=true, which this stack tags; the default VPC cannot work."
  type        = string

  validation {
    condition     = var.subnet_id != null && can(regex("^subnet-[0-9a-f]+$", var.subnet_id))
    error_message = "subnet_id is required and must look like subnet-0abc123 (the default VPC cannot work with EMR's managed policy)."
  }
}

variable "lambda_memory_mb" {
  description = "Memory of the trigger Lambda; more memory is also more CPU for the JVM's cold start."
  type        = number
  default     = 512

  validation {
    condition     = var.lambda_memory_mb >= 256 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 256 and 10240."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout of the trigger Lambda; the SQS visibility timeout is six times this."
  type        = number
  default     = 60

  validation {
    condition     = var.lambda_timeout_seconds >= 10 && var.lambda_timeout_seconds <= 900
    error_message = "lambda_timeout_seconds must be between 10 and 900."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrency of the trigger: caps how many clusters a burst of files can start at once."
  type        = number
  default     = 5

  validation {
    condition     = var.lambda_reserved_concurrency >= 2 && var.lambda_reserved_concurrency <= 1000
    error_message = "lambda_reserved_concurrency must be between 2 and 1000 (it is also the SQS mapping's maximum concurrency, whose floor is 2)."
  }
}

variable "archive_to_cold_after_days" {
  description = "Processed files under archive/ move to Glacier Instant Retrieval after this many days."
  type        = number
  default     = 30
}

variable "log_retention_days" {
  description = "EMR and Lambda logs expire after this many days."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (e.g. 30, 90, 365)."
  }
}

variable "quarantine_alarm_threshold" {
  description = "Alarm when a dataset quarantines more rows than this in 15 minutes."
  type        = number
  default     = 100
}

variable "alarm_email" {
  description = "Email subscribed to failure alerts; null for none (subscribe something else to the SNS topic)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
