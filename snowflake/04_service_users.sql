-- The two service users. Key-pair authentication: each public key is set by the deployer
-- (ALTER USER ... SET RSA_PUBLIC_KEY = '...'); no password is created here.
--   PIPELINE_USER  the ingestion job on EMR (INGESTION_ROLE); its private key lives in AWS
--                  Secrets Manager (warehouse.secret_arn).
--   DBT_USER       dbt (TRANSFORM_ROLE): the prod target of dbt/profiles.yml
--                  (SNOWFLAKE_USER=DBT_USER, SNOWFLAKE_PRIVATE_KEY_PATH=<its key>).
USE ROLE SECURITYADMIN;
CREATE USER IF NOT EXISTS PIPELINE_USER
  TYPE = SERVICE
  DEFAULT_ROLE = INGESTION_ROLE
  DEFAULT_WAREHOUSE = INGEST_WH
  DEFAULT_NAMESPACE = OLIST.RAW
  COMMENT = 'Ingestion job on EMR';
GRANT ROLE INGESTION_ROLE TO USER PIPELINE_USER;
ALTER USER PIPELINE_USER SET TIMEZONE = 'UTC';

CREATE USER IF NOT EXISTS DBT_USER
  TYPE = SERVICE
  DEFAULT_ROLE = TRANSFORM_ROLE
  DEFAULT_WAREHOUSE = TRANSFORM_WH
  DEFAULT_NAMESPACE = OLIST.MARTS
  COMMENT = 'dbt build (target prod)';
GRANT ROLE TRANSFORM_ROLE TO USER DBT_USER;
ALTER USER DBT_USER SET TIMEZONE = 'UTC';
