# Delta's S3DynamoDBLogStore: S3 has no put-if-absent for Delta's commit protocol across
# clusters, so commits are arbitrated in this table. Schema as Delta documents it.
resource "aws_dynamodb_table" "delta_log" {
  name         = "${local.name}-delta-log"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "tablePath"
  range_key    = "fileName"

  attribute {
    name = "tablePath"
    type = "S"
  }

  attribute {
    name = "fileName"
    type = "S"
  }

  ttl {
    attribute_name = "expireTime"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
