-- One row per order, newest status wins.
select
    order_id,
    customer_id,
    order_status,
    order_purchase_timestamp,
    order_approved_at,
    order_delivered_carrier_date,
    order_delivered_customer_date,
    order_estimated_delivery_date,
    purchase_month,
    _source_file,
    _ingested_at
from {{ source('raw', 'orders') }}
