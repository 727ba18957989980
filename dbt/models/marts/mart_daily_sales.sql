-- Daily sales of orders that were not canceled or unavailable, by purchase date in São Paulo.
select
    order_date,
    count(*) as orders,
    sum(item_count) as items,
    sum(items_value) as items_value,
    sum(freight_value) as freight_value,
    sum(payment_value) as payment_value,
    sum(items_value) / nullif(count(*), 0) as average_order_value,
    avg(review_score) as average_review_score
from {{ ref('fct_orders') }}
where order_status not in ('canceled', 'unavailable')
group by order_date
