-- 表下的说明称本表为空表（无数据），表中却印有数字。
with empty_notes as (
    select
        document_id,
        table_key,
        note,
        line_start
    from {{ ref('stg_tables') }}
    where regexp_matches(coalesce(note, ''), '空表|无数据|没有数据|为空')
),

printed_figures as (
    select
        document_id,
        table_key,
        count(*) filter (where amount <> 0) as nonzero_cells,
        sum(amount) filter (where measure = 'total' and row_kind in ('total', 'item') and side is null) as total_amount,
        string_agg(
            concat({{ vocabulary_case('measure', 'measures') }}, ' ', {{ format_amount('amount') }}), '，'
            order by line_no, measure
        ) filter (where amount <> 0) as printed_text,
        -- the message quotes each figure as the table prints it, with its unit
        string_agg(
            concat({{ vocabulary_case('measure', 'measures') }}, ' ', printed_amount, printed_unit), '，'
            order by line_no, measure
        ) filter (where amount <> 0) as printed_figures_text,
        string_agg(
            concat({{ vocabulary_case('measure', 'measures') }}, ' ', {{ format_money('amount') }}), '，'
            order by line_no, measure
        ) filter (where amount <> 0) as yuan_figures_text
    from {{ ref('fct_published_amount') }}
    group by document_id, table_key
),

findings as (
    select
        empty_notes.document_id,
        empty_notes.table_key as table_name,
        cast(null as varchar) as code,
        'note' as measure,
        '空表' as expected,
        concat(
            coalesce('合计 ' || {{ format_amount('printed_figures.total_amount') }}, printed_figures.printed_text),
            '（', cast(printed_figures.nonzero_cells as varchar), ' 个非零数字）'
        ) as actual,
        cast(0 as decimal(18, 2)) as expected_amount,
        printed_figures.total_amount as actual_amount,
        case when printed_figures.nonzero_cells > 0 then 'error' end as severity,
        concat(
            {{ doc_label('empty_notes.document_id') }}, ' ',
            {{ table_label('empty_notes.table_key', 'empty_notes.document_id') }}, ' 注明“',
            empty_notes.note, '”，表中却印有 ', cast(printed_figures.nonzero_cells as varchar), ' 个非零数字（',
            printed_figures.printed_figures_text, '）'
        ) as message,
        empty_notes.line_start as line_no,
        '折合元：' || printed_figures.yuan_figures_text as detail
    from empty_notes
    inner join printed_figures
        on
            empty_notes.document_id = printed_figures.document_id
            and empty_notes.table_key = printed_figures.table_key
)

{{ select_findings('findings') }}
