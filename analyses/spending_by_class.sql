-- Spending by 类 per department and year (yuan), the README query. Plain SQL (no Jinja): run it as is in
-- `make shell` (.read analyses/spending_by_class.sql). `counted_in_totals` keeps a unit document out when its
-- department document, which already contains it, is loaded: every figure is counted once. A budget and a
-- final account of the same year are two rows (kind), never added together.
select
    d.department_name,
    d.fiscal_year,
    d.kind,
    left(e.function_code, 3) as class_code,
    f.function_name as class_name,
    sum(e.amount) filter (where e.expenditure_type = 'basic') as basic,
    sum(e.amount) filter (where e.expenditure_type = 'project') as project,
    sum(e.amount) as total
from fct_expenditure as e
inner join dim_document as d on e.document_id = d.document_id
left join dim_function as f on left(e.function_code, 3) = f.function_code
where e.fund_type = 'all' and d.counted_in_totals
group by d.department_name, d.fiscal_year, d.kind, left(e.function_code, 3), f.function_name
order by d.department_name, d.fiscal_year, d.kind, class_code;
