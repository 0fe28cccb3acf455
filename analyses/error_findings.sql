-- Every error-level finding: where a published document contradicts itself, with both figures.
-- New errors (acknowledged = false: not yet reviewed, the ones that fail the build) come first; an
-- acknowledged one carries the reason it was accepted (seeds/acknowledged_findings.csv).
select
    findings.acknowledged,
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    findings.check_id,
    findings.table_name,
    findings.code,
    findings.measure,
    findings.expected,
    findings.actual,
    findings.message,
    findings.acknowledged_reason
from fct_finding as findings
inner join dim_document as documents
    on findings.document_id = documents.document_id
where findings.severity = 'error'
order by
    findings.acknowledged,
    documents.department_name,
    documents.fiscal_year,
    findings.check_id,
    findings.code
