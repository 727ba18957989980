-- One row per product, with the English category from the translation table.
select
    product_id,
    product_category_name,
    product_name_lenght as product_name_length,
    product_description_lenght as product_description_length,
    product_photos_qty,
    product_weight_g,
    product_length_cm,
    product_height_cm,
    product_width_cm,
    product_category_name_english,
    category_translated,
    _source_file,
    _ingested_at
from {{ source('raw', 'products') }}
