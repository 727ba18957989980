# The trigger: SQS batches of S3 events in, one transient EMR cluster per batch out.
resource "aws_cloudwatch_log_group" "trigger" {
  name              = "/aws/lambda/${local.name}-trigger"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "trigger" {
  name = "${local.name}-trigger"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

locals {
  emr_cluster_arn = "arn:${local.partition}:elasticmapreduce:${var.aws_region}:${local.account_id}:cluster/*"

  # Only the calls the trigger makes (see lambda-trigger/): read its queue, write and release
  # claim markers, start clusters or add steps, and hand EMR exactly its two roles.
  trigger_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.trigger.arn}:*"
      },
      {
        Sid      = "ConsumeIncomingQueue"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
        Resource = aws_sqs_queue.incoming.arn
      },
      {
        # GetObject lets a claim read back who holds a marker (HeadObject), so a retried PUT
        # that had landed is known as the invocation's own. Without s3:ListBucket S3 answers
        # 403, not 404, for a marker released meanwhile; that rare race fails the event and
        # Lambda's retry claims it.
        Sid      = "ClaimMarkers"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
        Resource = "${aws_s3_bucket.this["artifacts"].arn}/${local.claim_prefix}*"
      },
      {
        # RunJobFlow has no resource-level permissions; the cluster it makes is tagged.
        Sid      = "StartClusters"
        Effect   = "Allow"
        Action   = ["elasticmapreduce:RunJobFlow"]
        Resource = "*"
      },
      {
        Sid      = "TagAndExtendClusters"
        Effect   = "Allow"
        Action   = ["elasticmapreduce:AddTags", "elasticmapreduce:AddJobFlowSteps"]
        Resource = local.emr_cluster_arn
      },
      {
        Sid      = "PassOnlyTheEmrRoles"
        Effect   = "Allow"
        Action   = ["iam:PassRole"]
        Resource = [aws_iam_role.emr_service.arn, aws_iam_role.emr_instance.arn]
        Condition = {
          StringEquals = { "iam:PassedToService" = ["elasticmapreduce.amazonaws.com", "ec2.amazonaws.com"] }
        }
      },
      {
        Sid      = "FailureDestination"
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = aws_sns_topic.alerts.arn
      },
      {
        # The alerts topic is encrypted with the stack's key.
        Sid      = "FailureDestinationKey"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = aws_kms_key.alerts.arn
      },
    ]
  }

  trigger_environment = merge({
    INCOMING_PREFIX        = local.incoming_prefix
    ACCEPTED_SUFFIXES      = join(",", local.accepted_suffixes)
    CLAIM_BUCKET           = aws_s3_bucket.this["artifacts"].bucket
    CLAIM_PREFIX           = local.claim_prefix
    CLUSTER_NAME_PREFIX    = local.name
    EMR_RELEASE_LABEL      = var.emr_release_label
    PRIMARY_INSTANCE_TYPE  = var.primary_instance_type
    CORE_INSTANCE_TYPE     = var.core_instance_type
    CORE_INSTANCE_COUNT    = tostring(var.core_instance_count)
    CORE_ON_SPOT           = tostring(var.core_on_spot)
    IDLE_TIMEOUT_SECONDS   = tostring(var.idle_timeout_seconds)
    LOG_URI                = "s3://${aws_s3_bucket.this["logs"].bucket}/emr/"
    EMR_SERVICE_ROLE       = aws_iam_role.emr_service.name
    EMR_INSTANCE_PROFILE   = aws_iam_instance_profile.emr_instance.name
    SECURITY_CONFIGURATION = aws_emr_security_configuration.this.name
    CLUSTER_TAGS           = "project=${var.project},environment=${var.environment}"
    JOB_JAR_URI            = "s3://${aws_s3_bucket.this["artifacts"].bucket}/${aws_s3_object.job_jar.key}"
    JOB_ENV                = var.environment
    LAKE_URI               = local.lake_uri
    JOB_CONFIG_URI         = "s3://${aws_s3_bucket.this["artifacts"].bucket}/${aws_s3_object.job_config.key}"
    }, local.delta_log_enabled ? {
    EXTRA_JARS = "s3://${aws_s3_bucket.this["artifacts"].bucket}/${local.delta_jar_key}"
    } : {}, {
    SUBNET_ID = var.subnet_id
  })
}

resource "aws_iam_role_policy" "trigger" {
  name   = "trigger"
  role   = aws_iam_role.trigger.id
  policy = jsonencode(local.trigger_policy)
}

resource "aws_lambda_function" "trigger" {
  function_name                  = "${local.name}-trigger"
  role                           = aws_iam_role.trigger.arn
  runtime                        = "java17"
  handler                        = "io.lakeingest.trigger.SqsEventHandler::handleRequest"
  filename                       = var.lambda_jar_path
  source_code_hash               = filebase64sha256(var.lambda_jar_path)
  memory_size                    = var.lambda_memory_mb
  timeout                        = var.lambda_timeout_seconds
  reserved_concurrent_executions = var.lambda_reserved_concurrency
  architectures                  = ["x86_64"]

  environment {
    variables = local.trigger_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.trigger.name
  }

  depends_on = [aws_iam_role_policy.trigger]
}

resource "aws_lambda_event_source_mapping" "incoming" {
  event_source_arn                   = aws_sqs_queue.incoming.arn
  function_name                      = aws_lambda_function.trigger.arn
  batch_size                         = 10
  maximum_batching_window_in_seconds = 10
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.lambda_reserved_concurrency
  }
}

# Asynchronous invocations (a manual replay, or a direct S3 notification) that fail end on the
# alerts topic; queue-fed failures end in the dead-letter queue.
resource "aws_lambda_function_event_invoke_config" "trigger" {
  function_name                = aws_lambda_function.trigger.function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600

  destination_config {
    on_failure {
      destination = aws_sns_topic.alerts.arn
    }
  }
}
