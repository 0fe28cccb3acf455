-- The check catalogue as a table: one row per check (models/checks, docs/checks.md), read at run time
-- from the checks' YAML (description, meta.severity, meta.tables, meta.kinds).
{%- set checks = check_catalogue_rows() %}

with catalogue as (
    {%- if checks %}
        select
            check_rows.check_id,
            check_rows.check_model,
            check_rows.description,
            check_rows.severity_rule,
            check_rows.tables_read,
            check_rows.document_kinds,
            check_rows.check_order
        from (
            values
            {%- for check in checks %}
                (
                    '{{ check.check_id }}',
                    '{{ check.check_model }}',
                    '{{ check.description | replace("'", "''") }}',
                    '{{ check.severity_rule | replace("'", "''") }}',
                    '{{ check.tables }}',
                    '{{ check.kinds }}',
                    {{ check.check_order }}
                ){{ "," if not loop.last }}
            {%- endfor %}
        ) as check_rows (check_id, check_model, description, severity_rule, tables_read, document_kinds, check_order)
    {%- else %}
        select
            cast(null as varchar) as check_id,
            cast(null as varchar) as check_model,
            cast(null as varchar) as description,
            cast(null as varchar) as severity_rule,
            cast(null as varchar) as tables_read,
            cast(null as varchar) as document_kinds,
            cast(null as integer) as check_order
        where false
    {%- endif %}
)

select
    check_id,
    description,
    severity_rule,
    tables_read,
    document_kinds,
    check_model,
    check_order
from catalogue
order by check_order
