{#-
    Shared tail of the arithmetic tests (tests/generic/*.sql).

    `findings_cte` names a CTE with one row per disagreement and the columns
        document_id, table_key, code, measure, expected, actual, message
    This macro returns the final SELECT: the finding columns plus check_name, difference,
    acknowledged and acknowledged_reason. A finding is acknowledged when a row of the seed
    acknowledged_findings has the same check_name and, for each of document_id, table_key, code,
    measure, expected and actual, either the same value or an empty cell (empty = any).
    See docs/acknowledged_findings.md.
-#}
{% macro acknowledge_findings(findings_cte, check_name) -%}
    select
        finding.document_id,
        '{{ check_name }}' as check_name,
        finding.table_key,
        finding.code,
        finding.measure,
        finding.expected,
        finding.actual,
        cast(coalesce(finding.actual, 0) - coalesce(finding.expected, 0) as decimal(18, 2)) as difference,
        finding.message,
        count(acknowledgement.check_name) > 0 as acknowledged,
        min(acknowledgement.reason) as acknowledged_reason
    from {{ findings_cte }} as finding
    left join {{ ref('acknowledged_findings') }} as acknowledgement
        on
            acknowledgement.check_name = '{{ check_name }}'
            and (acknowledgement.document_id is null or acknowledgement.document_id = finding.document_id)
            and (acknowledgement.table_key is null or acknowledgement.table_key = finding.table_key)
            and (acknowledgement.code is null or acknowledgement.code = finding.code)
            and (acknowledgement.measure is null or acknowledgement.measure = finding.measure)
            and (acknowledgement.expected is null or acknowledgement.expected = finding.expected)
            and (acknowledgement.actual is null or acknowledgement.actual = finding.actual)
    group by
        finding.document_id,
        finding.table_key,
        finding.code,
        finding.measure,
        finding.expected,
        finding.actual,
        finding.message
{%- endmacro %}
