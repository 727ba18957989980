# The Glue database the job registers the lake's tables in after each run, by location, as
# Delta tables (table_type DELTA, Spark provider delta): Athena, and EMR's Spark with the Glue
# metastore, query them as <database>.orders (silver), <database>.bronze_orders, quarantine,
# audit, ledger and publish_audit. The job creates and updates the tables; the stack owns the
# database.
resource "aws_glue_catalog_database" "lake" {
  name        = local.glue_database
  description = "Delta tables of ${local.lake_uri}, registered by the ingestion job."
}

locals {
  # Glue and Athena take lower-case letters, digits and underscores only.
  glue_database = replace("${local.name}_lake", "-", "_")
  glue_arn      = "arn:${local.partition}:glue:${var.aws_region}:${local.account_id}"
}
