with raw_narrative_facts as (
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
    from {{ raw_rows('raw_narrative_facts') }}
)

select
    cast(document_id as varchar) as document_id,
    cast(fact_no as integer) as fact_no,
    cast(section as varchar) as section,
    cast(topic as varchar) as topic,
    cast(item_no as integer) as item_no,
    cast(label as varchar) as label,  -- noqa: RF04
    cast(class_name as varchar) as class_name,
    cast(kuan_name as varchar) as kuan_name,
    cast(xiang_name as varchar) as xiang_name,
    cast(amount as decimal(18, 2)) as amount,
    cast(printed_amount as varchar) as printed_amount,
    cast(quantity as integer) as quantity,
    cast(restated_year as integer) as restated_year,
    cast(restated_amount as decimal(18, 2)) as restated_amount,
    cast(prior_year as integer) as prior_year,
    cast(prior_kind as varchar) as prior_kind,
    cast(prior_amount as decimal(18, 2)) as prior_amount,
    cast(change_direction as varchar) as change_direction,
    cast(change_amount as decimal(18, 2)) as change_amount,
    cast(change_percent as decimal(9, 2)) as change_percent,
    cast(reason as varchar) as reason,
    cast(line_no as integer) as line_no,
    cast(source_text as varchar) as source_text
from raw_narrative_facts
