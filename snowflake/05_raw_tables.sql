-- RAW tables: one per dataset, the silver columns plus lineage, in the order the job
-- publishes them. Kept in step with config/datasets.yaml by SnowflakeDdlTest.
-- Timestamps are UTC (TIMESTAMP_NTZ); the session runs with TIMEZONE = 'UTC'.
USE ROLE SYSADMIN;
USE DATABASE OLIST;
USE SCHEMA RAW;

CREATE TABLE IF NOT EXISTS ORDERS (
  ORDER_ID                         VARCHAR NOT NULL,
  CUSTOMER_ID                      VARCHAR NOT NULL,
  ORDER_STATUS                     VARCHAR NOT NULL,
  ORDER_PURCHASE_TIMESTAMP         TIMESTAMP_NTZ NOT NULL,
  ORDER_APPROVED_AT                TIMESTAMP_NTZ,
  ORDER_DELIVERED_CARRIER_DATE     TIMESTAMP_NTZ,
  ORDER_DELIVERED_CUSTOMER_DATE    TIMESTAMP_NTZ,
  ORDER_ESTIMATED_DELIVERY_DATE    DATE,
  PURCHASE_MONTH                   VARCHAR(7),
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_ORDERS PRIMARY KEY (ORDER_ID)
) CLUSTER BY (PURCHASE_MONTH)
COMMENT = 'Olist orders: fact, keys order_id';

CREATE TABLE IF NOT EXISTS ORDER_ITEMS (
  ORDER_ID                         VARCHAR NOT NULL,
  ORDER_ITEM_ID                    NUMBER(10,0) NOT NULL,
  PRODUCT_ID                       VARCHAR NOT NULL,
  SELLER_ID                        VARCHAR NOT NULL,
  SHIPPING_LIMIT_DATE              TIMESTAMP_NTZ NOT NULL,
  PRICE                            NUMBER(12,2) NOT NULL,
  FREIGHT_VALUE                    NUMBER(12,2) NOT NULL,
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_ORDER_ITEMS PRIMARY KEY (ORDER_ID, ORDER_ITEM_ID)
)
COMMENT = 'Olist order_items: fact, keys order_id, order_item_id';

CREATE TABLE IF NOT EXISTS ORDER_PAYMENTS (
  ORDER_ID                         VARCHAR NOT NULL,
  PAYMENT_SEQUENTIAL               NUMBER(10,0) NOT NULL,
  PAYMENT_TYPE                     VARCHAR NOT NULL,
  PAYMENT_INSTALLMENTS             NUMBER(10,0) NOT NULL,
  PAYMENT_VALUE                    NUMBER(12,2) NOT NULL,
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_ORDER_PAYMENTS PRIMARY KEY (ORDER_ID, PAYMENT_SEQUENTIAL)
)
COMMENT = 'Olist order_payments: fact, keys order_id, payment_sequential';

CREATE TABLE IF NOT EXISTS ORDER_REVIEWS (
  REVIEW_ID                        VARCHAR NOT NULL,
  ORDER_ID                         VARCHAR NOT NULL,
  REVIEW_SCORE                     NUMBER(10,0) NOT NULL,
  REVIEW_COMMENT_TITLE             VARCHAR,
  REVIEW_COMMENT_MESSAGE           VARCHAR,
  REVIEW_CREATION_DATE             DATE NOT NULL,
  REVIEW_ANSWER_TIMESTAMP          TIMESTAMP_NTZ,
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_ORDER_REVIEWS PRIMARY KEY (REVIEW_ID, ORDER_ID)
)
COMMENT = 'Olist order_reviews: fact, keys review_id, order_id';

CREATE TABLE IF NOT EXISTS CUSTOMERS (
  CUSTOMER_ID                      VARCHAR NOT NULL,
  CUSTOMER_UNIQUE_ID               VARCHAR NOT NULL,
  CUSTOMER_ZIP_CODE_PREFIX         VARCHAR NOT NULL,
  CUSTOMER_CITY                    VARCHAR,
  CUSTOMER_STATE                   VARCHAR,
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_CUSTOMERS PRIMARY KEY (CUSTOMER_ID)
)
COMMENT = 'Olist customers: dimension, keys customer_id';

CREATE TABLE IF NOT EXISTS GEOLOCATION (
  GEOLOCATION_ZIP_CODE_PREFIX      VARCHAR NOT NULL,
  GEOLOCATION_LAT                  FLOAT NOT NULL,
  GEOLOCATION_LNG                  FLOAT NOT NULL,
  GEOLOCATION_CITY                 VARCHAR,
  GEOLOCATION_STATE                VARCHAR,
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL
)
COMMENT = 'Olist geolocation: dimension, keys none (exact duplicates collapse)';

CREATE TABLE IF NOT EXISTS PRODUCTS (
  PRODUCT_ID                       VARCHAR NOT NULL,
  PRODUCT_CATEGORY_NAME            VARCHAR,
  PRODUCT_NAME_LENGHT              NUMBER(10,0),
  PRODUCT_DESCRIPTION_LENGHT       NUMBER(10,0),
  PRODUCT_PHOTOS_QTY               NUMBER(10,0),
  PRODUCT_WEIGHT_G                 NUMBER(10,0),
  PRODUCT_LENGTH_CM                NUMBER(10,0),
  PRODUCT_HEIGHT_CM                NUMBER(10,0),
  PRODUCT_WIDTH_CM                 NUMBER(10,0),
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  PRODUCT_CATEGORY_NAME_ENGLISH    VARCHAR,
  CATEGORY_TRANSLATED              BOOLEAN NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_PRODUCTS PRIMARY KEY (PRODUCT_ID)
)
COMMENT = 'Olist products: dimension, keys product_id';

CREATE TABLE IF NOT EXISTS SELLERS (
  SELLER_ID                        VARCHAR NOT NULL,
  SELLER_ZIP_CODE_PREFIX           VARCHAR NOT NULL,
  SELLER_CITY                      VARCHAR,
  SELLER_STATE                     VARCHAR,
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_SELLERS PRIMARY KEY (SELLER_ID)
)
COMMENT = 'Olist sellers: dimension, keys seller_id';

CREATE TABLE IF NOT EXISTS PRODUCT_CATEGORY_NAME_TRANSLATION (
  PRODUCT_CATEGORY_NAME            VARCHAR NOT NULL,
  PRODUCT_CATEGORY_NAME_ENGLISH    VARCHAR NOT NULL,
  _CONTENT_HASH                    NUMBER(19,0) NOT NULL,
  _RESCUED_DATA                    VARCHAR,
  _SOURCE_FILE                     VARCHAR NOT NULL,
  _SOURCE_MODIFIED_AT              TIMESTAMP_NTZ NOT NULL,
  _SOURCE_ROW                      NUMBER(19,0) NOT NULL,
  _RUN_ID                          VARCHAR NOT NULL,
  _INGESTED_AT                     TIMESTAMP_NTZ NOT NULL,
  _KEY_HASH                        NUMBER(19,0) NOT NULL,
  CONSTRAINT PK_PRODUCT_CATEGORY_NAME_TRANSLATION PRIMARY KEY (PRODUCT_CATEGORY_NAME)
)
COMMENT = 'Olist product_category_name_translation: dimension, keys product_category_name';

-- What the job records in the same transaction as each MERGE: the silver version published.
CREATE TABLE IF NOT EXISTS _PUBLISH_STATE (
  DATASET        VARCHAR(128) NOT NULL PRIMARY KEY,
  SILVER_VERSION NUMBER(19,0) NOT NULL,
  RUN_ID         VARCHAR(128),
  PUBLISHED_AT   TIMESTAMP_NTZ NOT NULL
);
