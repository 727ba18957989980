-- One row per customer id (one per order in Olist).
select
    customer_id,
    customer_unique_id,
    customer_zip_code_prefix,
    customer_city,
    customer_state,
    _source_file,
    _ingested_at
from {{ source('raw', 'customers') }}
