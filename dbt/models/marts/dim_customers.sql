-- One row per person. Olist issues a new customer_id with every order (it is order-scoped and
-- stays on fct_orders); the person is customer_unique_id. A person's location is the one of
-- their most recent order.
with orders_of_person as (
    select
        c.customer_unique_id,
        c.customer_id,
        c.customer_zip_code_prefix,
        c.customer_city,
        c.customer_state,
        o.order_purchase_timestamp,
        row_number() over (
            partition by c.customer_unique_id
            order by o.order_purchase_timestamp desc nulls last, c.customer_id desc
        ) as recency
    from {{ ref('stg_customers') }} as c
    left join {{ ref('stg_orders') }} as o
        on o.customer_id = c.customer_id
),

summary as (
    select
        customer_unique_id,
        count(distinct customer_id) as customer_ids,
        count(order_purchase_timestamp) as orders,
        min(order_purchase_timestamp) as first_order_at,
        max(order_purchase_timestamp) as last_order_at
    from orders_of_person
    group by customer_unique_id
)

select
    p.customer_unique_id,
    p.customer_zip_code_prefix,
    p.customer_city,
    p.customer_state,
    z.latitude,
    z.longitude,
    s.customer_ids,
    s.orders,
    s.first_order_at,
    s.last_order_at
from orders_of_person as p
inner join summary as s
    on s.customer_unique_id = p.customer_unique_id
left join {{ ref('int_zip_code_centroids') }} as z
    on z.zip_code_prefix = p.customer_zip_code_prefix
where p.recency = 1
