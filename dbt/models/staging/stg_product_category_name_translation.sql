-- Portuguese category name to English.
select
    product_category_name,
    product_category_name_english,
    _source_file,
    _ingested_at
from {{ source('raw', 'product_category_name_translation') }}
