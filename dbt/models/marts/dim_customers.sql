select
    c.customer_id,
    c.customer_unique_id,
    c.customer_zip_code_prefix,
    c.customer_city,
    c.customer_state,
    z.latitude,
    z.longitude
from {{ ref('stg_customers') }} as c
left join {{ ref('int_zip_code_centroids') }} as z
    on z.zip_code_prefix = c.customer_zip_code_prefix
