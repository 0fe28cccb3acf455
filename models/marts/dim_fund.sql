-- fund_type vocabulary of fct_expenditure, with the Chinese name, the table it comes from and how wide it is
-- (coverage_rank: dim_document.function_fund_type takes the lowest a document prints).
{%- set fund_rows = [] %}
{%- for fund_type, fund in budget_vocabulary()['funds'].items() %}
    {%- set _ = fund_rows.append(
        "('" ~ fund_type ~ "', '" ~ fund[0] ~ "', '" ~ fund[1] ~ "', " ~ fund[2] ~ ", " ~ fund[3] ~ ")"
    ) %}
{%- endfor %}

with fund_types as (
    select
        fund_list.fund_type,
        fund_list.fund_name,
        fund_list.table_key,
        fund_list.sort_order,
        fund_list.coverage_rank
    from (
        values {{ fund_rows | join(', ') }}
    ) as fund_list (fund_type, fund_name, table_key, sort_order, coverage_rank)
)

select
    fund_type,
    fund_name,
    table_key,
    {{ vocabulary_case('table_key', 'tables') }} as table_name,
    sort_order,
    coverage_rank
from fund_types
