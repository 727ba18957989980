{#- A UTC timestamp (as RAW stores them) as wall-clock time in the business's time zone
    (var business_timezone), for business dates: an order bought at 22:30 in São Paulo is
    01:30 UTC the next day, and belongs to the day it was bought on. -#}
{% macro business_time(column) -%}
    {{ return(adapter.dispatch('business_time', 'olist')(column)) }}
{%- endmacro %}

{% macro default__business_time(column) -%}
    (({{ column }} at time zone 'UTC') at time zone '{{ var("business_timezone") }}')
{%- endmacro %}

{% macro snowflake__business_time(column) -%}
    convert_timezone('UTC', '{{ var("business_timezone") }}', {{ column }})
{%- endmacro %}
