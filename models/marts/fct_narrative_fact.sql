-- Every figure the 编制说明 / 其他相关情况说明 / 绩效目标填报表 state in words, with provenance; the items of
-- 财政拨款支出主要内容 get the function code they describe (function_code, code_resolution):
--   names             the printed 类/款/项 names (or the single name) identify exactly one code
--   names_and_amount  several codes carry these names; the amount picks one
--   amount            the names match no code; the amount picks the only code of that 类 (and level) that fits
--   unresolved        no code, or several, fit: the item is kept without a code
with facts as (
    select
        document_id,
        fact_no,
        section,
        topic,
        item_no,
        label,
        class_name,
        kuan_name,
        xiang_name,
        amount,
        printed_amount,
        quantity,
        restated_year,
        restated_amount,
        prior_year,
        prior_kind,
        prior_amount,
        change_direction,
        change_amount,
        change_percent,
        reason,
        line_no,
        source_text
    from {{ ref('stg_narrative_facts') }}
),

items as (
    select
        document_id,
        fact_no,
        nullif(class_name, '') as class_name,
        nullif(kuan_name, '') as kuan_name,
        nullif(xiang_name, '') as xiang_name,
        amount,
        case
            when nullif(class_name, '') is null then null
            when nullif(xiang_name, '') is null then 5
            else 7
        end as wanted_length
    from facts
    where topic in ('item', 'execution_item')
),

printed_names as (
    select distinct
        document_id,
        code,
        printed_name
    from {{ ref('dim_code_as_printed') }}
    where classification = 'function'
),

document_codes as (
    select distinct
        document_id,
        code
    from printed_names
),

candidates as (
    select
        items.document_id,
        items.fact_no,
        document_codes.code,
        length(document_codes.code) as code_length,
        items.wanted_length,
        items.class_name is null or exists (
            select 1
            from printed_names as class_names
            where
                class_names.document_id = items.document_id
                and class_names.code = left(document_codes.code, 3)
                -- a narrative may name the 类 without its closing 支出: '公共安全（类）' for 公共安全支出
                and class_names.printed_name in (items.class_name, items.class_name || '支出')
        ) as class_matches,
        items.kuan_name is null or exists (
            select 1
            from printed_names as kuan_names
            where
                kuan_names.document_id = items.document_id
                and length(document_codes.code) >= 5
                and kuan_names.code = left(document_codes.code, 5)
                and kuan_names.printed_name = items.kuan_name
        ) as kuan_matches,
        items.xiang_name is null
        or items.wanted_length = 5
        or exists (
            select 1
            from printed_names as own_names
            where
                own_names.document_id = items.document_id
                and own_names.code = document_codes.code
                and own_names.printed_name = items.xiang_name
        ) as name_matches,
        coalesce(
            abs(items.amount - function_amounts.fiscal_amount) < 100
            or abs(items.amount - function_amounts.all_funds_amount) < 100,
            false
        ) as amount_matches
    from items
    inner join document_codes
        on
            items.document_id = document_codes.document_id
            and (items.wanted_length is null or length(document_codes.code) = items.wanted_length)
    left join {{ ref('int_function_amounts') }} as function_amounts
        on
            document_codes.document_id = function_amounts.document_id
            and document_codes.code = function_amounts.code
),

eligible as (
    select
        document_id,
        fact_no,
        code,
        code_length,
        class_matches and kuan_matches and name_matches as names_match,
        amount_matches
    from candidates
    where
        (class_matches and kuan_matches and name_matches)
        or (class_matches and amount_matches and wanted_length is not null)
),

ranked as (
    select
        document_id,
        fact_no,
        code,
        names_match,
        amount_matches,
        row_number() over (
            partition by document_id, fact_no
            order by names_match desc, amount_matches desc, code_length desc, code asc
        ) as candidate_rank,
        count(*) over (
            partition by document_id, fact_no, names_match, amount_matches, code_length
        ) as tied_candidates,
        sum(case when names_match then 1 else 0 end) over (partition by document_id, fact_no) as name_candidates
    from eligible
),

resolved as (
    select
        document_id,
        fact_no,
        code as function_code,
        case
            when tied_candidates > 1 then 'unresolved'
            when names_match and name_candidates = 1 then 'names'
            when names_match and amount_matches then 'names_and_amount'
            when names_match then 'unresolved'
            else 'amount'
        end as code_resolution
    from ranked
    where candidate_rank = 1
)

select
    facts.document_id,
    facts.fact_no,
    facts.section,
    facts.topic,
    facts.item_no,
    facts.label,
    facts.class_name,
    facts.kuan_name,
    facts.xiang_name,
    case when resolved.code_resolution <> 'unresolved' then resolved.function_code end as function_code,
    case
        when facts.topic in ('item', 'execution_item') then coalesce(resolved.code_resolution, 'unresolved')
    end as code_resolution,
    facts.amount,
    facts.printed_amount,
    facts.quantity,
    facts.restated_year,
    facts.restated_amount,
    facts.prior_year,
    facts.prior_kind,
    facts.prior_amount,
    facts.change_direction,
    facts.change_amount,
    facts.change_percent,
    facts.reason,
    facts.line_no,
    facts.source_text
from facts
left join resolved
    on
        facts.document_id = resolved.document_id
        and facts.fact_no = resolved.fact_no
