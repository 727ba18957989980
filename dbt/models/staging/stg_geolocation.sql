-- Zip code prefix coordinates; no key, exact duplicates collapsed by the job.
select
    geolocation_zip_code_prefix,
    geolocation_lat,
    geolocation_lng,
    geolocation_city,
    geolocation_state,
    _source_file,
    _ingested_at,
    _key_hash
from {{ source('raw', 'geolocation') }}
