-- English category from the translation table, joined here rather than taken from the job's
-- copy on the product row: that copy is whatever translation silver had when the product file
-- was loaded, so a translation file landing later (or updated) would never reach the mart.
-- The Portuguese name where there is no translation, flagged.
select
    p.product_id,
    p.product_category_name,
    coalesce(t.product_category_name_english, p.product_category_name, 'unknown') as category,
    t.product_category_name is not null as category_translated,
    p.product_name_length,
    p.product_description_length,
    p.product_photos_qty,
    p.product_weight_g,
    p.product_length_cm,
    p.product_height_cm,
    p.product_width_cm,
    p.product_length_cm * p.product_height_cm * p.product_width_cm as product_volume_cm3
from {{ ref('stg_products') }} as p
left join {{ ref('stg_product_category_name_translation') }} as t
    on t.product_category_name = p.product_category_name
