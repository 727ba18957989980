-- Database and schemas. Re-runnable: every statement is IF NOT EXISTS.
USE ROLE SYSADMIN;
CREATE DATABASE IF NOT EXISTS OLIST COMMENT = 'Olist lakehouse: RAW from the pipeline, STAGING and MARTS from dbt';
CREATE SCHEMA IF NOT EXISTS OLIST.RAW COMMENT = 'Written only by the ingestion job (MERGE from silver)';
CREATE SCHEMA IF NOT EXISTS OLIST.STAGING COMMENT = 'dbt staging models';
CREATE SCHEMA IF NOT EXISTS OLIST.MARTS COMMENT = 'dbt marts';
CREATE SCHEMA IF NOT EXISTS OLIST.MONITORING COMMENT = 'Operational views over RAW (ingestion figures, freshness), read by REPORTING_ROLE';
