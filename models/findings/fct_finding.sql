-- One row per failure of a check of the catalogue (models/checks, docs/checks.md) on a published
-- document, with the acknowledgement (seeds/acknowledged_findings.csv) when the failure was reviewed.
-- A finding is acknowledged when an acknowledgement row has its check_id and, for each of document_id,
-- table_name, code, measure, expected and actual, the same value or an empty cell (empty = any).
-- A check applies to the document kinds its YAML names (meta.kinds, dim_check.document_kinds): an identity
-- of the budget template (e.g. income = expenditure by code) is not one of a final account.
-- finding_kind separates the document's own contradictions from gaps in our reading: a row the ingest
-- could not place (I01) or a narrative item it could not place on a code (N12) is a parse_gap, and so is
-- every other finding of that document that reads an unplaced row's table at a code the row may hold
-- (same code, its parent or child, or a row or finding without code): its figure may be the unloaded
-- one, so it is "not checked", never the document's error. A whole table is a gap too (I01 without a code:
-- cut off by a missing page, or not found at all): every finding reading that table is "not checked". A
-- check across documents (family D) reads the other documents of the same body too, so their unplaced rows
-- count for it as well.
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

related_documents as (
    -- each document with itself and with the other documents of the same body (region and department)
    select
        documents.document_id,
        same_body.document_id as related_document_id,
        documents.document_id = same_body.document_id as is_same_document
    from {{ ref('dim_document') }} as documents
    inner join {{ ref('dim_document') }} as same_body
        on
            documents.region = same_body.region
            and documents.department_name = same_body.department_name
),

check_tables as (
    select
        check_id,
        unnest(string_split(tables_read, ', ')) as table_name
    from {{ ref('dim_check') }}
),

gap_links as (
    select
        findings.document_id,
        findings.check_id,
        findings.table_name,
        findings.code,
        findings.measure,
        findings.message,
        -- a gap without a line (a template table not found) is named by its table
        string_agg(
            distinct concat(
                case when not related_documents.is_same_document then concat(gaps.document_id, ':') end,
                coalesce(cast(gaps.line_no as varchar), gaps.table_name)
            ),
            ', '
        ) as gap_lines
    from findings
    inner join related_documents
        on
            findings.document_id = related_documents.document_id
            and (related_documents.is_same_document or findings.check_id like 'D%')
    inner join gaps
        on related_documents.related_document_id = gaps.document_id
    where
        findings.check_id <> 'I01'
        and (
            findings.table_name = gaps.table_name
            or exists (
                select 1
                from check_tables
                where check_tables.check_id = findings.check_id and check_tables.table_name = gaps.table_name
            )
        )
        and (
            gaps.code is null
            or findings.code is null
            or starts_with(findings.code, gaps.code)
            or starts_with(gaps.code, findings.code)
        )
    group by all
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
        end as detail,
        min(acknowledgements.reason) as acknowledged_reason,
        count(acknowledgements.check_id) > 0 as acknowledged
    from findings
    left join gap_links
        on
            findings.document_id = gap_links.document_id
            and findings.check_id = gap_links.check_id
            and findings.table_name is not distinct from gap_links.table_name
            and findings.code is not distinct from gap_links.code
            and findings.measure is not distinct from gap_links.measure
            and findings.message = gap_links.message
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
