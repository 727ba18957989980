-- One warehouse for loading, one for dbt: separate costs, no contention. Both suspend after
-- 60 s idle and resume on demand, so an idle day costs nothing.
USE ROLE SYSADMIN;
CREATE WAREHOUSE IF NOT EXISTS INGEST_WH
  WAREHOUSE_SIZE = 'XSMALL' AUTO_SUSPEND = 60 AUTO_RESUME = TRUE INITIALLY_SUSPENDED = TRUE
  COMMENT = 'Ingestion job publishes (MERGE into RAW)';
CREATE WAREHOUSE IF NOT EXISTS TRANSFORM_WH
  WAREHOUSE_SIZE = 'SMALL' AUTO_SUSPEND = 60 AUTO_RESUME = TRUE INITIALLY_SUSPENDED = TRUE
  COMMENT = 'dbt runs';

-- Guard rails, set with ALTER so a re-run applies them to warehouses that already exist.
-- A runaway statement is cancelled after an hour (the largest publish MERGE and the full dbt
-- build take minutes); one queued for 30 min is cancelled rather than piling up.
ALTER WAREHOUSE IF EXISTS INGEST_WH SET
  STATEMENT_TIMEOUT_IN_SECONDS = 3600 STATEMENT_QUEUED_TIMEOUT_IN_SECONDS = 1800;
ALTER WAREHOUSE IF EXISTS TRANSFORM_WH SET
  STATEMENT_TIMEOUT_IN_SECONDS = 3600 STATEMENT_QUEUED_TIMEOUT_IN_SECONDS = 1800;

-- A monthly credit quota for both (docs/cost.md: a few credits a month at the reference
-- load): notify at 75%, suspend at 100% (running statements finish), suspend immediately at
-- 110%. Resource monitors are created by ACCOUNTADMIN; adjust CREDIT_QUOTA to the budget.
-- OR REPLACE (re-runnable; a re-run restarts the month's count) rather than IF NOT EXISTS,
-- which sqlfluff's snowflake grammar, the CI parser of these files, does not accept here;
-- the warehouses are (re)assigned right after.
USE ROLE ACCOUNTADMIN;
CREATE OR REPLACE RESOURCE MONITOR OLIST_MONTHLY
  WITH CREDIT_QUOTA = 100 FREQUENCY = MONTHLY START_TIMESTAMP = IMMEDIATELY
  TRIGGERS ON 75 PERCENT DO NOTIFY ON 100 PERCENT DO SUSPEND ON 110 PERCENT DO SUSPEND_IMMEDIATE;
ALTER WAREHOUSE IF EXISTS INGEST_WH SET RESOURCE_MONITOR = OLIST_MONTHLY;
ALTER WAREHOUSE IF EXISTS TRANSFORM_WH SET RESOURCE_MONITOR = OLIST_MONTHLY;
