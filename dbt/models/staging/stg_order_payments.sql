-- One row per payment of an order.
select
    order_id,
    payment_sequential,
    payment_type,
    payment_installments,
    payment_value,
    _source_file,
    _ingested_at
from {{ source('raw', 'order_payments') }}
