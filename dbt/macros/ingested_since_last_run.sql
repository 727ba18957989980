{#- The incremental filter of every staging model: rows the job published since the last dbt
    run. ">=" re-reads the boundary instant; the merge on unique_key makes that harmless. -#}
{% macro ingested_since_last_run() -%}
    {%- if is_incremental() -%}
    where _ingested_at >= (select coalesce(max(_ingested_at), cast('1900-01-01' as timestamp)) from {{ this }})
    {%- endif -%}
{%- endmacro %}
