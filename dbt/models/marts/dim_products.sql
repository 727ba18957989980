-- English category where the translation table has one; the Portuguese name otherwise, flagged.
select
    product_id,
    product_category_name,
    coalesce(product_category_name_english, product_category_name, 'unknown') as category,
    category_translated,
    product_name_length,
    product_description_length,
    product_photos_qty,
    product_weight_g,
    product_length_cm,
    product_height_cm,
    product_width_cm,
    product_length_cm * product_height_cm * product_width_cm as product_volume_cm3
from {{ ref('stg_products') }}
