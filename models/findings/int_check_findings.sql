-- Every failure of every check of the catalogue (models/checks, macros/check_catalogue.sql), as the checks
-- state it (before acknowledgements and before the parse-gap links of fct_finding).
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
