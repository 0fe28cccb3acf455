-- One row per failure of a check of the catalogue (models/checks, docs/checks.md) on a published
-- document, with the acknowledgement (seeds/acknowledged_findings.csv) when the failure was reviewed.
-- Both rules are macros (macros/finding_links.sql) that the generic test sum_of_children_equals_parent shares:
-- acknowledge_findings (an acknowledgement row with the finding's check_id and, for each of document_id,
-- table_name, code, measure, expected and actual, the same value or an empty cell) and parse_gap_links.
-- A check applies to the document kinds its YAML names (meta.kinds, dim_check.document_kinds): an identity
-- of the budget template (e.g. income = expenditure by code) is not one of a final account.
-- finding_kind separates the document's own contradictions from gaps in our reading: a row the ingest
-- could not place (I01) or a narrative item it could not place on a code (N12) is a parse_gap, and so is
-- every other finding that depends on an unplaced row (parse_gap_links: same document or, for family D,
-- same body; the finding's table or one its check reads; a related code): its figure may be the unloaded
-- one, so it is "not checked", never the document's error.
with findings as (
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
    from {{ ref('int_check_findings') }}
),

gaps as (
    select
        document_id,
        table_name,
        code,
        line_no
    from findings
    where check_id = 'I01'
),

gap_links as (
    {{ parse_gap_links('findings', 'gaps') }}
),

placed as (
    select
        findings.document_id,
        findings.check_id,
        case
            when findings.check_id in ('I01', 'N12') or gap_links.gap_lines is not null then 'warning'
            else findings.severity
        end as severity,
        case
            when findings.check_id in ('I01', 'N12') or gap_links.gap_lines is not null then 'parse_gap'
            when findings.severity = 'error' then 'document_error'
            else findings.severity
        end as finding_kind,
        findings.severity as check_severity,
        gap_links.gap_lines,
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
        case
            when gap_links.gap_lines is not null
                then concat_ws(
                    '；',
                    concat('未核对：依赖未载入的行或未找到的表（', gap_links.gap_lines, '） not checked: row or table not loaded'),
                    findings.detail
                )
            else findings.detail
        end as detail
    from findings
    left join gap_links
        on
            findings.document_id = gap_links.document_id
            and findings.check_id = gap_links.check_id
            and findings.table_name is not distinct from gap_links.table_name
            and findings.code is not distinct from gap_links.code
            and findings.measure is not distinct from gap_links.measure
            and findings.message = gap_links.message
),

matched as (
    {{ acknowledge_findings('placed', [
        'document_id', 'check_id', 'severity', 'finding_kind', 'check_severity', 'gap_lines', 'table_name',
        'code', 'measure', 'expected', 'actual', 'message', 'expected_amount', 'actual_amount', 'difference',
        'line_no', 'detail'
    ]) }}
),

applicable_findings as (
    select matched.*
    from matched
    left join {{ ref('dim_document') }} as documents
        on matched.document_id = documents.document_id
    left join {{ ref('dim_check') }} as kinds_of_check
        on matched.check_id = kinds_of_check.check_id
    -- a document or check not in the catalogue keeps its findings (nothing to scope them by)
    where
        documents.kind is null
        or kinds_of_check.document_kinds is null
        or list_contains(string_split(kinds_of_check.document_kinds, ', '), documents.kind)
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
    checks.description as check_description,
    applicable_findings.finding_kind,
    applicable_findings.check_severity,
    applicable_findings.gap_lines
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
