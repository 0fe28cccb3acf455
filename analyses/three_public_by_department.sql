-- “三公”经费 and 机关运行经费 by department and year, one column per item (yuan); a unit document whose
-- department document is loaded is left out (its figures are inside the department's); a final account
-- gives a budget (预算数) and a final (决算数) row.
select
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    documents.kind,
    three_public.stage,
    sum(three_public.amount) filter (where three_public.item = 'abroad') as abroad,
    sum(three_public.amount) filter (where three_public.item = 'reception') as reception,
    sum(three_public.amount) filter (where three_public.item = 'vehicle_purchase') as vehicle_purchase,
    sum(three_public.amount) filter (where three_public.item = 'vehicle_operation') as vehicle_operation,
    sum(three_public.amount) filter (
        where three_public.item in ('abroad', 'reception', 'vehicle_purchase', 'vehicle_operation')
    ) as three_public_total,
    sum(three_public.amount) filter (where three_public.item = 'operation_fund') as operation_fund
from fct_three_public as three_public
inner join dim_document as documents
    on three_public.document_id = documents.document_id
where documents.counted_in_totals
group by documents.department_name, documents.scope, documents.fiscal_year, documents.kind, three_public.stage
order by documents.department_name, documents.fiscal_year, documents.scope, documents.kind, three_public.stage
