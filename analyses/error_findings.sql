-- Every error-level finding: where a published document contradicts itself, with both figures.
select
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    findings.check_id,
    findings.table_name,
    findings.code,
    findings.measure,
    findings.expected,
    findings.actual,
    findings.message
from fct_finding as findings
inner join dim_document as documents
    on findings.document_id = documents.document_id
where findings.severity = 'error'
order by documents.department_name, documents.fiscal_year, findings.check_id, findings.code
