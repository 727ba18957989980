with items as (
    select
        order_id,
        count(*) as item_count,
        sum(price) as items_value,
        sum(freight_value) as freight_value
    from {{ ref('stg_order_items') }}
    group by order_id
),

payments as (
    select
        order_id,
        count(*) as payment_count,
        sum(payment_value) as payment_value
    from {{ ref('stg_order_payments') }}
    group by order_id
),

customers as (
    select customer_id, customer_unique_id
    from {{ ref('stg_customers') }}
),

reviews as (
    select
        order_id,
        avg(review_score) as review_score
    from {{ ref('stg_order_reviews') }}
    group by order_id
)

-- Timestamps stay UTC, as in RAW; dates are São Paulo business dates (var business_timezone).
-- The estimated delivery date is a São Paulo date already: an order is late when it arrived
-- on a later São Paulo day, not when its UTC instant passed that date's UTC midnight.
select
    o.order_id,
    -- Olist's customer_id is per order; the person is customer_unique_id (dim_customers).
    o.customer_id,
    c.customer_unique_id,
    o.order_status,
    o.order_purchase_timestamp,
    cast({{ business_time('o.order_purchase_timestamp') }} as date) as order_date,
    o.order_approved_at,
    o.order_delivered_carrier_date,
    o.order_delivered_customer_date,
    cast({{ business_time('o.order_delivered_customer_date') }} as date) as delivered_date,
    o.order_estimated_delivery_date,
    {{ dbt.datediff('cast(' ~ business_time('o.order_purchase_timestamp') ~ ' as date)',
        'cast(' ~ business_time('o.order_delivered_customer_date') ~ ' as date)', 'day') }} as delivery_days,
    cast({{ business_time('o.order_delivered_customer_date') }} as date)
        > o.order_estimated_delivery_date as delivered_late,
    coalesce(i.item_count, 0) as item_count,
    coalesce(i.items_value, 0) as items_value,
    coalesce(i.freight_value, 0) as freight_value,
    coalesce(p.payment_count, 0) as payment_count,
    coalesce(p.payment_value, 0) as payment_value,
    r.review_score
from {{ ref('stg_orders') }} as o
left join items as i on i.order_id = o.order_id
left join payments as p on p.order_id = o.order_id
left join reviews as r on r.order_id = o.order_id
left join customers as c on c.customer_id = o.customer_id
