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
    from {{ ref('raw_narrative_facts') }}
)

select
    document_id,
    fact_no,
    section,
    topic,
    item_no,
    label,  -- noqa: RF04
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
from raw_narrative_facts
