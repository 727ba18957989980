-- One row per seller.
select
    seller_id,
    seller_zip_code_prefix,
    seller_city,
    seller_state,
    _source_file,
    _ingested_at
from {{ source('raw', 'sellers') }}
