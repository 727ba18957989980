select
    i.order_id || '-' || cast(i.order_item_id as varchar(10)) as order_item_key,
    i.order_id,
    i.order_item_id,
    i.product_id,
    i.seller_id,
    o.order_date,
    i.shipping_limit_date,
    i.price,
    i.freight_value,
    i.price + i.freight_value as total_value
from {{ ref('stg_order_items') }} as i
left join {{ ref('fct_orders') }} as o
    on o.order_id = i.order_id
