-- One row per failure of a check of the catalogue (models/checks, docs/checks.md) on a published
-- document, with the acknowledgement (seeds/acknowledged_findings.csv) when the failure was reviewed.
-- How a finding is matched with an acknowledgement: macros/findings.sql, acknowledge_findings.
with findings as (
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
),

matched as (
    {{ acknowledge_findings('findings', [
        'document_id', 'check_id', 'severity', 'table_name', 'code', 'measure', 'expected', 'actual',
        'message', 'expected_amount', 'actual_amount', 'difference', 'line_no', 'detail'
    ]) }}
)

select
    matched.document_id,
    matched.check_id,
    matched.severity,
    matched.table_name,
    matched.code,
    matched.measure,
    matched.expected,
    matched.actual,
    matched.message,
    matched.acknowledged,
    matched.acknowledged_reason,
    matched.expected_amount,
    matched.actual_amount,
    matched.difference,
    matched.line_no,
    matched.detail,
    checks.description as check_description
from matched
left join {{ ref('dim_check') }} as checks
    on matched.check_id = checks.check_id
order by
    matched.document_id,
    matched.check_id,
    matched.table_name,
    matched.code,
    matched.measure,
    matched.message
