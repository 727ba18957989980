# S3 -> SQS -> Lambda: the queue absorbs bursts and retries, and a message that keeps failing
# lands in the dead-letter queue instead of being lost.
resource "aws_sqs_queue" "incoming_dlq" {
  name                      = "${local.name}-incoming-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "incoming" {
  name                       = "${local.name}-incoming"
  visibility_timeout_seconds = 6 * var.lambda_timeout_seconds
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.incoming_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue_policy" "incoming" {
  queue_url = aws_sqs_queue.incoming.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "S3Notifications"
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.incoming.arn
      Condition = {
        ArnEquals    = { "aws:SourceArn" = aws_s3_bucket.this["data"].arn }
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })
}

# Everything created under incoming/ is queued: S3's suffix filters are case-sensitive, so a
# filter on .csv would never fire for OLIST.CSV, which the Lambda accepts. The Lambda decides
# (ACCEPTED_SUFFIXES, in any case) and ignores the rest, at the cost of one short invocation.
resource "aws_s3_bucket_notification" "incoming" {
  bucket = aws_s3_bucket.this["data"].id

  queue {
    id            = "incoming"
    queue_arn     = aws_sqs_queue.incoming.arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = local.incoming_prefix
  }

  depends_on = [aws_sqs_queue_policy.incoming]
}
