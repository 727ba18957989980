# The warehouse login. Terraform creates the secret, never its value: put the JSON
# {"username": "PIPELINE_USER", "private_key": "-----BEGIN PRIVATE KEY-----..."} with
#   aws secretsmanager put-secret-value --secret-id <output warehouse_secret_arn> --secret-string file://login.json
resource "aws_secretsmanager_secret" "warehouse" {
  name                    = "${var.project}/${var.environment}/warehouse"
  description             = "Warehouse (Snowflake) login of the ingestion job"
  recovery_window_in_days = 7
}
