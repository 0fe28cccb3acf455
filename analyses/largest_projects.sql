-- The largest projects described in 项目经费情况说明, across the loaded documents (a unit's projects are listed
-- once: from its department document when that is loaded).
select
    documents.department_name,
    documents.fiscal_year,
    projects.project_name,
    projects.implementing_unit,
    projects.amount
from dim_project as projects
inner join dim_document as documents
    on projects.document_id = documents.document_id
where projects.amount is not null and documents.counted_in_totals
order by projects.amount desc, documents.department_name asc, projects.project_name asc
limit 20
