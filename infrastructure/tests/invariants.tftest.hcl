# Offline checks of the invariants this stack promises, on a mocked AWS provider:
#   terraform init -backend=false [-plugin-dir=/opt/tf-plugins] && terraform test
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }

  # ARNs are validated by the provider even when mocked.
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/mock"
    }
  }
  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:eu-west-1:123456789012:mock-alerts"
    }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:mock-queue"
    }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-1:123456789012:function:mock"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::mock-bucket"
    }
  }
  mock_resource "aws_kms_key" {
    defaults = {
      arn = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:olist-lakehouse/prod/warehouse-AbCdEf"
    }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/mock"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = {
      arn = "arn:aws:events:eu-west-1:123456789012:rule/mock"
    }
  }
}

# Distinct ARNs for the two roles the trigger may pass, so the PassRole check can tell them apart.
override_resource {
  target = aws_iam_role.emr_service
  values = {
    arn  = "arn:aws:iam::123456789012:role/olist-lakehouse-prod-emr-service"
    name = "olist-lakehouse-prod-emr-service"
  }
}

override_resource {
  target = aws_iam_role.emr_instance
  values = {
    arn  = "arn:aws:iam::123456789012:role/olist-lakehouse-prod-emr-instance"
    name = "olist-lakehouse-prod-emr-instance"
  }
}

variables {
  environment             = "prod"
  job_jar_path            = "tests/fixtures/stand-in.jar"
  lambda_jar_path         = "tests/fixtures/stand-in.jar"
  delta_dynamodb_jar_path = "tests/fixtures/stand-in.jar"
  subnet_id               = "subnet-0123456789abcdef0"
  snowflake_jdbc_url      = "jdbc:snowflake://xy12345.eu-west-1.snowflakecomputing.com/?db=OLIST&warehouse=INGEST_WH&role=INGESTION_ROLE"
}

run "notification_filters_match_what_the_lambda_accepts" {
  command = apply

  # S3's suffix filters are case-sensitive: a filter on .csv never fires for OLIST.CSV, which
  # the Lambda accepts. So the notification filters on the prefix only and the Lambda decides.
  assert {
    condition = alltrue([for q in aws_s3_bucket_notification.incoming.queue :
    q.filter_suffix == null || q.filter_suffix == ""])
    error_message = "No suffix filter: S3 matches suffixes case-sensitively, so .CSV would never start a run."
  }

  assert {
    condition     = length(aws_s3_bucket_notification.incoming.queue) == 1
    error_message = "One notification for everything created under incoming/."
  }

  assert {
    condition = alltrue([for q in aws_s3_bucket_notification.incoming.queue :
    q.filter_prefix == aws_lambda_function.trigger.environment[0].variables.INCOMING_PREFIX])
    error_message = "The S3 notification prefix differs from the Lambda's INCOMING_PREFIX."
  }

  assert {
    condition     = aws_lambda_function.trigger.environment[0].variables.ACCEPTED_SUFFIXES == ".csv,.xlsx"
    error_message = "Only .csv and .xlsx (in any case) under incoming/ may start a run."
  }

  assert {
    condition     = aws_sqs_queue.incoming.visibility_timeout_seconds >= 6 * aws_lambda_function.trigger.timeout
    error_message = "The queue's visibility timeout must be at least six Lambda timeouts."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.incoming.redrive_policy).deadLetterTargetArn == aws_sqs_queue.incoming_dlq.arn
    error_message = "Events that keep failing must land in the dead-letter queue."
  }

  assert {
    condition     = contains(aws_lambda_event_source_mapping.incoming.function_response_types, "ReportBatchItemFailures")
    error_message = "The SQS mapping must report per-message failures, or one bad event retries the whole batch."
  }
}

run "buckets_are_private_encrypted_versioned_and_tls_only" {
  command = apply

  assert {
    condition = alltrue([for b in aws_s3_bucket_public_access_block.this :
    b.block_public_acls && b.block_public_policy && b.ignore_public_acls && b.restrict_public_buckets])
    error_message = "Every bucket must block all public access."
  }

  assert {
    condition     = length(aws_s3_bucket_public_access_block.this) == length(aws_s3_bucket.this)
    error_message = "A bucket lacks its public access block."
  }

  assert {
    condition = alltrue([for e in aws_s3_bucket_server_side_encryption_configuration.this :
    contains(["AES256", "aws:kms"], one(one(e.rule).apply_server_side_encryption_by_default).sse_algorithm)])
    error_message = "Every bucket must be encrypted by default."
  }

  assert {
    condition     = alltrue([for v in aws_s3_bucket_versioning.this : v.versioning_configuration[0].status == "Enabled"])
    error_message = "Every bucket must be versioned."
  }

  assert {
    condition = alltrue([for p in aws_s3_bucket_policy.tls_only :
      anytrue([for s in jsondecode(p.policy).Statement :
    s.Effect == "Deny" && s.Condition.Bool["aws:SecureTransport"] == "false"])])
    error_message = "Every bucket policy must deny requests without TLS."
  }

  assert {
    condition     = length(aws_s3_bucket_policy.tls_only) == length(aws_s3_bucket.this)
    error_message = "A bucket lacks its TLS-only policy."
  }
}

run "iam_grants_only_what_is_called" {
  command = apply

  assert {
    condition = alltrue(flatten([for doc in [local.trigger_policy, local.emr_instance_policy] :
    [for s in doc.Statement : [for a in flatten([s.Action]) : !strcontains(a, "*")]]]))
    error_message = "No IAM action may contain a wildcard."
  }

  assert {
    condition = alltrue(flatten([for doc in [local.trigger_policy, local.emr_instance_policy] :
      [for s in doc.Statement : contains(flatten([s.Resource]), "*") ?
    (s.Action == ["elasticmapreduce:RunJobFlow"] || s.Action == ["cloudwatch:PutMetricData"]) : true]]))
    error_message = "Resource \"*\" is allowed only where the action has no resource-level permissions."
  }

  assert {
    condition = alltrue([for s in local.trigger_policy.Statement :
      contains(flatten([s.Action]), "iam:PassRole") ?
    toset(s.Resource) == toset([aws_iam_role.emr_service.arn, aws_iam_role.emr_instance.arn]) : true])
    error_message = "iam:PassRole must name exactly the two EMR roles."
  }

  assert {
    condition     = length([for s in local.trigger_policy.Statement : s if contains(flatten([s.Action]), "iam:PassRole")]) == 1
    error_message = "Exactly one statement may grant iam:PassRole."
  }

  assert {
    condition = [for s in local.trigger_policy.Statement : [flatten([s.Action]), s.Resource]
      if anytrue([for a in flatten([s.Action]) : startswith(a, "s3:")])] == [[
        ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], "${aws_s3_bucket.this["artifacts"].arn}/claims/*"
    ]]
    error_message = "The trigger must put, read back and delete claim markers, and touch no other object."
  }

  assert {
    condition = one([for s in local.emr_instance_policy.Statement : s.Resource
    if contains(s.Action, "secretsmanager:GetSecretValue")]) == aws_secretsmanager_secret.warehouse.arn
    error_message = "The cluster may read only the warehouse secret."
  }
}

run "lambda_and_job_are_wired_to_this_stack" {
  command = apply

  assert {
    condition     = aws_lambda_function.trigger.runtime == "java17" && aws_lambda_function.trigger.reserved_concurrent_executions == var.lambda_reserved_concurrency
    error_message = "The trigger runs on Java 17 with reserved concurrency."
  }

  assert {
    condition = alltrue([for k in ["CLAIM_BUCKET", "LOG_URI", "EMR_SERVICE_ROLE", "EMR_INSTANCE_PROFILE", "JOB_JAR_URI", "LAKE_URI", "JOB_CONFIG_URI", "EXTRA_JARS"] :
    contains(keys(aws_lambda_function.trigger.environment[0].variables), k)])
    error_message = "The trigger lacks a variable TriggerConfig requires."
  }

  assert {
    condition     = one(one(aws_lambda_function_event_invoke_config.trigger.destination_config).on_failure).destination == aws_sns_topic.alerts.arn
    error_message = "Failed asynchronous invocations must go to the alerts topic."
  }

  assert {
    condition     = yamldecode(aws_s3_object.job_config.content).warehouse.secret_arn == aws_secretsmanager_secret.warehouse.arn
    error_message = "The job must read its warehouse login from the stack's secret."
  }

  assert {
    condition     = yamldecode(aws_s3_object.job_config.content).spark.conf["spark.delta.logStore.s3.impl"] == "io.delta.storage.S3DynamoDBLogStore"
    error_message = "The job must commit through Delta's DynamoDB log store."
  }

  assert {
    condition     = yamldecode(aws_s3_object.job_config.content).spark.conf["spark.io.delta.storage.S3DynamoDBLogStore.ddb.tableName"] == aws_dynamodb_table.delta_log.name
    error_message = "The log store must use the stack's DynamoDB table."
  }

  assert {
    condition     = aws_dynamodb_table.delta_log.hash_key == "tablePath" && aws_dynamodb_table.delta_log.range_key == "fileName"
    error_message = "The log table must have the key schema Delta expects."
  }

  assert {
    condition     = yamldecode(aws_s3_object.job_config.content).catalog == { type = "glue", database = aws_glue_catalog_database.lake.name }
    error_message = "The job must register the lake's tables in the stack's Glue database."
  }

  assert {
    condition = one([for s in local.emr_instance_policy.Statement : s.Resource
      if contains(s.Action, "glue:CreateTable")]) == [
      "arn:aws:glue:${var.aws_region}:123456789012:catalog",
      "arn:aws:glue:${var.aws_region}:123456789012:database/${aws_glue_catalog_database.lake.name}",
      "arn:aws:glue:${var.aws_region}:123456789012:table/${aws_glue_catalog_database.lake.name}/*",
    ]
    error_message = "The cluster may register tables in the stack's Glue database only."
  }

  assert {
    condition     = can(regex("^[a-z_][a-z0-9_]*$", aws_glue_catalog_database.lake.name))
    error_message = "The Glue database name must be one Athena accepts (lower case, digits, underscores)."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.file_rejected) == 9
    error_message = "One rejected-file alarm per registry dataset."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.emr_failures.event_pattern).detail.state == ["FAILED", "TERMINATED_WITH_ERRORS"]
    error_message = "EMR failures must reach the alerts topic."
  }
}

run "without_a_warehouse_the_job_publishes_nowhere" {
  command = apply

  variables {
    snowflake_jdbc_url      = null
    delta_dynamodb_jar_path = null
  }

  assert {
    condition     = yamldecode(aws_s3_object.job_config.content).warehouse.type == "none"
    error_message = "No Snowflake URL means warehouse.type none."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.trigger.environment[0].variables), "EXTRA_JARS")
    error_message = "No log store jar means no --jars."
  }
}

run "bad_variables_are_refused" {
  command = plan

  variables {
    environment         = "staging"
    core_instance_count = 0
    emr_release_label   = "emr-6.15.0"
    snowflake_jdbc_url  = "https://example.snowflakecomputing.com"
    subnet_id           = null
  }

  expect_failures = [
    var.subnet_id,
    var.environment,
    var.core_instance_count,
    var.emr_release_label,
    var.snowflake_jdbc_url,
  ]
}

# What a first deploy needs that a plan does not show: EMR's managed policy, encrypted disks and
# alerts that can be delivered.
run "emr_can_launch_with_the_managed_policy" {
  command = apply

  assert {
    condition     = aws_lambda_function.trigger.environment[0].variables.SUBNET_ID == var.subnet_id
    error_message = "Clusters launch into the stack's subnet (AmazonEMRServicePolicy_v2 cannot use the default VPC)."
  }

  assert {
    condition = (aws_ec2_tag.emr_subnet_managed_policy.resource_id == var.subnet_id
      && aws_ec2_tag.emr_subnet_managed_policy.key == "for-use-with-amazon-emr-managed-policies"
    && aws_ec2_tag.emr_subnet_managed_policy.value == "true")
    error_message = "The subnet must carry for-use-with-amazon-emr-managed-policies=true."
  }

  assert {
    condition = alltrue([for action in ["kms:CreateGrant", "kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt"] :
      anytrue([for s in jsondecode(aws_kms_key.emr.policy).Statement :
    s.Effect == "Allow" && try(s.Principal.AWS, "") == aws_iam_role.emr_service.arn && contains(flatten([s.Action]), action)])])
    error_message = "The EMR service role must be allowed on the disk key, or EBS encryption stops the launch."
  }
}

run "alerts_can_be_delivered" {
  command = apply

  assert {
    condition     = aws_sns_topic.alerts.kms_master_key_id == aws_kms_key.alerts.arn
    error_message = "The alerts topic must use the stack's key: alias/aws/sns admits neither EventBridge nor CloudWatch."
  }

  assert {
    condition = alltrue([for service in ["events.amazonaws.com", "cloudwatch.amazonaws.com"] :
      anytrue([for s in jsondecode(aws_kms_key.alerts.policy).Statement :
        s.Effect == "Allow" && try(s.Principal.Service, "") == service
    && contains(flatten([s.Action]), "kms:GenerateDataKey*") && contains(flatten([s.Action]), "kms:Decrypt")])])
    error_message = "EventBridge and CloudWatch alarms must be allowed to use the alerts topic's key."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.emr_failures.event_pattern).detail.name == [{ prefix = "olist-lakehouse-prod-" }, { prefix = "olist-lakehouse-prod: " }]
    error_message = "The EMR failure rule must match only this stack's clusters and steps."
  }
}
