-- The pipeline's service user. Key-pair authentication: the public key is set by the
-- deployer (ALTER USER ... SET RSA_PUBLIC_KEY = '...'), the private key lives in AWS Secrets
-- Manager. No password is created here.
USE ROLE SECURITYADMIN;
CREATE USER IF NOT EXISTS PIPELINE_USER
  TYPE = SERVICE
  DEFAULT_ROLE = INGESTION_ROLE
  DEFAULT_WAREHOUSE = INGEST_WH
  DEFAULT_NAMESPACE = OLIST.RAW
  COMMENT = 'Ingestion job on EMR';
GRANT ROLE INGESTION_ROLE TO USER PIPELINE_USER;
ALTER USER PIPELINE_USER SET TIMEZONE = 'UTC';
