-- One row per review of an order.
select
    review_id,
    order_id,
    review_score,
    review_comment_title,
    review_comment_message,
    review_creation_date,
    review_answer_timestamp,
    _source_file,
    _ingested_at
from {{ source('raw', 'order_reviews') }}
