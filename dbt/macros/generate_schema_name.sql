{#- Target-aware schemas. The prod target builds into the schemas snowflake/ creates and grants
    (STAGING, MARTS); every other target into its own "<target schema>_<custom schema>"
    (dev: DBT_ALICE_STAGING; the tests: ci_staging), so a developer's build never writes
    into production. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif target.name == 'prod' -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
