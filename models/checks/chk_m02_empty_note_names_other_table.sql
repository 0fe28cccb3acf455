-- 空表说明写的是别的表（例如政府性基金表下的注写“国有资本经营预算”）。
with table_words as (
    select
        table_word.table_key,
        table_word.own_word
    from (
        values
        ('government_fund', '政府性基金'),
        ('state_capital', '国有资本经营'),
        ('three_public', '三公'),
        ('general_public', '一般公共预算')
    ) as table_word (table_key, own_word)
),

notes as (
    select
        printed_tables.document_id,
        printed_tables.table_key,
        printed_tables.note,
        printed_tables.line_start,
        table_words.own_word,
        (
            select string_agg(other_words.own_word, '、' order by other_words.own_word)
            from table_words as other_words
            where
                other_words.table_key <> printed_tables.table_key
                and strpos(printed_tables.note, other_words.own_word) > 0
        ) as other_words
    from {{ ref('stg_tables') }} as printed_tables
    inner join table_words
        on printed_tables.table_key = table_words.table_key
    where coalesce(printed_tables.note, '') <> ''
),

findings as (
    select
        document_id,
        table_key as table_name,
        cast(null as varchar) as code,
        'note' as measure,
        own_word as expected,
        other_words as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when other_words is not null and strpos(note, own_word) = 0 then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ table_label('table_key', 'document_id') }}, ' 的说明写的是“', other_words,
            '”，而不是本表（“', own_word, '”）：', note
        ) as message,
        line_start as line_no,
        cast(null as varchar) as detail
    from notes
)

{{ select_findings('findings') }}
