-- Spending by 类 per department and year (yuan), the README query. Plain SQL (no Jinja): run it as is in
-- `make shell` (.read analyses/spending_by_class.sql). Each document's widest by-function expenditure
-- (dim_document.function_fund_type): all funds where the template prints them (Shanghai, 决算), else 财政拨款
-- (Jiangsu), named in fund_name. basic / project are NULL where the table prints one 金额 per code.
-- `counted_in_totals` keeps a unit document out when its department document, which already contains it, is
-- loaded: every figure is counted once. A budget and a final account of the same year are two rows (kind).
select
    d.department_name,
    d.fiscal_year,
    d.kind,
    fund.fund_name,
    left(e.function_code, 3) as class_code,
    f.function_name as class_name,
    sum(e.amount) filter (where e.expenditure_type = 'basic') as basic,
    sum(e.amount) filter (where e.expenditure_type = 'project') as project,
    sum(e.amount) as total
from fct_expenditure as e
inner join dim_document as d on e.document_id = d.document_id and e.fund_type = d.function_fund_type
inner join dim_fund as fund on e.fund_type = fund.fund_type
left join dim_function as f on left(e.function_code, 3) = f.function_code
where d.counted_in_totals
group by d.department_name, d.fiscal_year, d.kind, fund.fund_name, left(e.function_code, 3), f.function_name
order by d.department_name, d.fiscal_year, d.kind, class_code;
