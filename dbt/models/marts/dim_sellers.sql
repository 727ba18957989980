select
    s.seller_id,
    s.seller_zip_code_prefix,
    s.seller_city,
    s.seller_state,
    z.latitude,
    z.longitude
from {{ ref('stg_sellers') }} as s
left join {{ ref('int_zip_code_centroids') }} as z
    on z.zip_code_prefix = s.seller_zip_code_prefix
