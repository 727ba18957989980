-- One row per item of an order.
select
    order_id,
    order_item_id,
    product_id,
    seller_id,
    shipping_limit_date,
    price,
    freight_value,
    _source_file,
    _ingested_at
from {{ source('raw', 'order_items') }}
