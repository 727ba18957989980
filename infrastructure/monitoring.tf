# The topic's key is the stack's: the AWS-managed alias/aws/sns admits neither EventBridge nor
# CloudWatch alarms, whose messages would then never be delivered.
resource "aws_kms_key" "alerts" {
  description         = "${local.name} alerts topic"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      }],
      [for service in ["events.amazonaws.com", "cloudwatch.amazonaws.com"] : {
        Sid       = "Publish${title(split(".", service)[0])}"
        Effect    = "Allow"
        Principal = { Service = service }
        Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }])
  })
}

resource "aws_sns_topic" "alerts" {
  name              = "${local.name}-alerts"
  kms_master_key_id = aws_kms_key.alerts.arn
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EventBridge"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alerts.arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.emr_failures.arn } }
      },
      {
        Sid       = "CloudWatchAlarms"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alerts.arn
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
    ]
  })
}

# A failed step or a cluster that ended in error, with the reason EMR gives.
resource "aws_cloudwatch_event_rule" "emr_failures" {
  name        = "${local.name}-emr-failures"
  description = "Ingestion EMR steps that failed and clusters that terminated with errors"
  event_pattern = jsonencode({
    source        = ["aws.emr"]
    "detail-type" = ["EMR Step Status Change", "EMR Cluster State Change"]
    detail = {
      state = ["FAILED", "TERMINATED_WITH_ERRORS"]
      # This stack's clusters ("<name>-<invocation>") and steps ("<name>: ingest <file>") only.
      name = [{ prefix = "${local.name}-" }, { prefix = "${local.name}: " }]
    }
  })
}

resource "aws_cloudwatch_event_target" "emr_failures" {
  rule = aws_cloudwatch_event_rule.emr_failures.name
  arn  = aws_sns_topic.alerts.arn

  input_transformer {
    input_paths = {
      cluster = "$.detail.clusterId"
      name    = "$.detail.name"
      state   = "$.detail.state"
      reason  = "$.detail.message"
    }
    input_template = "\"EMR <state>: <name> on cluster <cluster>. <reason> Triage: docs/runbook.md.\""
  }
}

resource "aws_cloudwatch_metric_alarm" "trigger_errors" {
  alarm_name          = "${local.name}-trigger-errors"
  alarm_description   = "The trigger Lambda failed; files may be waiting in the queue or its dead-letter queue."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.trigger.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  alarm_name          = "${local.name}-incoming-dead-letters"
  alarm_description   = "S3 events the trigger could not handle after 5 attempts; replay them (docs/runbook.md)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.incoming_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

# The job's own metrics (EMF lines per file, namespace OlistIngestion), one alarm per
# dataset of the registry.
resource "aws_cloudwatch_metric_alarm" "file_rejected" {
  for_each = toset(local.datasets)

  alarm_name          = "${local.name}-${each.key}-file-rejected"
  alarm_description   = "A ${each.key} file was rejected; its reason is in rejected/<run>/<file>.reason.txt."
  namespace           = "OlistIngestion"
  metric_name         = "FileRejected"
  dimensions          = { Environment = var.environment, Dataset = each.key }
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_metric_alarm" "rows_quarantined" {
  for_each = toset(local.datasets)

  alarm_name          = "${local.name}-${each.key}-rows-quarantined"
  alarm_description   = "Many ${each.key} rows failed quality checks; see <lake>/quarantine/${each.key}."
  namespace           = "OlistIngestion"
  metric_name         = "RowsQuarantined"
  dimensions          = { Environment = var.environment, Dataset = each.key }
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  threshold           = var.quarantine_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}
