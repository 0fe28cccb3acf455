-- One row per failure of a check of the catalogue (models/checks, docs/checks.md) on a published
-- document, with the acknowledgement (seeds/acknowledged_findings.csv) when the failure was reviewed.
-- A finding is acknowledged when an acknowledgement row has its check_id and, for each of document_id,
-- table_name, code, measure, expected and actual, the same value or an empty cell (empty = any).
-- A check applies to the document kinds its YAML names (meta.kinds, dim_check.document_kinds): an identity
-- of the budget template (e.g. income = expenditure by code) is not one of a final account.
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

acknowledgements as (
    select
        check_id,
        document_id,
        table_name,
        code,
        measure,
        expected,
        actual,
        reason
    from {{ ref('acknowledged_findings') }}
),

matched as (
    select
        findings.document_id,
        findings.check_id,
        findings.severity,
        findings.table_name,
        findings.code,
        findings.measure,
        findings.expected,
        findings.actual,
        findings.message,
        findings.expected_amount,
        findings.actual_amount,
        findings.difference,
        findings.line_no,
        findings.detail,
        min(acknowledgements.reason) as acknowledged_reason,
        count(acknowledgements.check_id) > 0 as acknowledged
    from findings
    left join acknowledgements
        on
            findings.check_id = acknowledgements.check_id
            and (acknowledgements.document_id is null or findings.document_id = acknowledgements.document_id)
            and (acknowledgements.table_name is null or findings.table_name = acknowledgements.table_name)
            and (acknowledgements.code is null or findings.code = acknowledgements.code)
            and (acknowledgements.measure is null or findings.measure = acknowledgements.measure)
            and (acknowledgements.expected is null or findings.expected = acknowledgements.expected)
            and (acknowledgements.actual is null or findings.actual = acknowledgements.actual)
    group by all
),

applicable_findings as (
    select matched.*
    from matched
    inner join {{ ref('dim_document') }} as documents
        on matched.document_id = documents.document_id
    inner join {{ ref('dim_check') }} as kinds_of_check
        on matched.check_id = kinds_of_check.check_id
    where list_contains(string_split(kinds_of_check.document_kinds, ', '), documents.kind)
)

select
    applicable_findings.document_id,
    applicable_findings.check_id,
    applicable_findings.severity,
    applicable_findings.table_name,
    applicable_findings.code,
    applicable_findings.measure,
    applicable_findings.expected,
    applicable_findings.actual,
    applicable_findings.message,
    applicable_findings.acknowledged,
    applicable_findings.acknowledged_reason,
    applicable_findings.expected_amount,
    applicable_findings.actual_amount,
    applicable_findings.difference,
    applicable_findings.line_no,
    applicable_findings.detail,
    checks.description as check_description
from applicable_findings
left join {{ ref('dim_check') }} as checks
    on applicable_findings.check_id = checks.check_id
order by
    applicable_findings.document_id,
    applicable_findings.check_id,
    applicable_findings.table_name,
    applicable_findings.code,
    applicable_findings.measure,
    applicable_findings.message
