output "data_bucket" {
  description = "Drop files into s3://<this>/incoming/."
  value       = aws_s3_bucket.this["data"].bucket
}

output "artifacts_bucket" {
  description = "Jars, job settings and the trigger's claim markers."
  value       = aws_s3_bucket.this["artifacts"].bucket
}

output "logs_bucket" {
  description = "EMR logs (s3://<this>/emr/<cluster-id>/)."
  value       = aws_s3_bucket.this["logs"].bucket
}

output "lake_uri" {
  description = "Root of the Delta lakehouse (bronze, silver, quarantine, audit)."
  value       = local.lake_uri
}

output "glue_database" {
  description = "Glue database holding the lake's tables (query <this>.orders in Athena)."
  value       = aws_glue_catalog_database.lake.name
}

output "job_config_uri" {
  description = "The job settings every EMR step runs with."
  value       = "s3://${aws_s3_bucket.this["artifacts"].bucket}/${aws_s3_object.job_config.key}"
}

output "incoming_queue_url" {
  description = "Queue between S3 and the trigger."
  value       = aws_sqs_queue.incoming.url
}

output "dead_letter_queue_url" {
  description = "Events the trigger gave up on; replay per docs/runbook.md."
  value       = aws_sqs_queue.incoming_dlq.url
}

output "trigger_function_name" {
  description = "The trigger Lambda."
  value       = aws_lambda_function.trigger.function_name
}

output "warehouse_secret_arn" {
  description = "Put the warehouse login JSON here (see secrets.tf)."
  value       = aws_secretsmanager_secret.warehouse.arn
}

output "delta_log_table" {
  description = "DynamoDB table arbitrating Delta commits across clusters."
  value       = aws_dynamodb_table.delta_log.name
}

output "alerts_topic_arn" {
  description = "Subscribe on-call here."
  value       = aws_sns_topic.alerts.arn
}
