-- Every failure of every check of the catalogue (models/checks, macros/check_catalogue.sql), as the checks
-- state it (before acknowledgements and before the parse-gap links of fct_finding). In a refresh, the
-- rows of its scope only: a check that lists every document (dim_document) would state the others too.
-- Two of DuckDB's optimizer passes (deliminator, projection_pullup) take most of the time of this one query of
-- 84 inlined checks: 26 s of planning against 4 s without them for a refresh of one document among 2,000, and
-- 31 s against 10 s for the whole 2,000 (DuckDB 2.0, same rows either way): they are off for it alone
-- (macros/optimizer_settings.sql).
{{ config(
    pre_hook=["{{ slow_optimizers_off() }}"],
    post_hook=["reset disabled_optimizers"]
) }}
select *
from (
    {% for check_model in check_models() %}
        select
            document_id,
            check_id,
            severity,
            table_name,
            code,
            measure,
            expected,
            actual,
            message,
            expected_amount,
            actual_amount,
            difference,
            line_no,
            detail
        from {{ ref(check_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
) as findings
where {{ refresh_document_filter() }}
