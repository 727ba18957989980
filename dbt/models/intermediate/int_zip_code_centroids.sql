-- One point per zip code prefix: the geolocation file lists many per prefix.
select
    geolocation_zip_code_prefix as zip_code_prefix,
    avg(geolocation_lat) as latitude,
    avg(geolocation_lng) as longitude,
    count(*) as points
from {{ ref('stg_geolocation') }}
group by geolocation_zip_code_prefix
