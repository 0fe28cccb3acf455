"""The four kinds of finding (fct_finding.finding_kind), explained once for the report and docs/checks.md."""

from __future__ import annotations

# (kind, Chinese sentence, English sentence), in the order a reader should meet them.
FINDING_KINDS: tuple[tuple[str, str, str], ...] = (
    ("document_error",
     "文档错误：公开文档自身的矛盾（两处印刷的数、名称或年份不一致，超出印刷精度），severity = error，新出现的使构建失败。",
     "Document error: the published document contradicts itself (two printed figures, names or years disagree "
     "beyond their printed precision); severity error, and a new one fails the build."),
    ("warning",
     "警告：可疑但可能合理（惯例而非恒等式、基数不同、印错而已按上下文读出的编码），须人工看一眼。",
     "Warning: suspicious but possibly legitimate (a convention rather than an identity, a different base, a "
     "misprinted code read from its context); worth a human look."),
    ("info",
     "提示：记下备查，不是文档自身的矛盾：差额在该检查写明的容差之内（所比数字的印刷精度，如整万元 ±5,000 元、0.01 万元 "
     "±50 元；百分比末位一两个单位，≤0.02 个百分点），或是模板允许的差别（说明只涉及部分项目，如绩效目标只报选定的项目；"
     "措辞如“增加0万元”、其他 / 其它、全角 / 半角括号）。每个检查的规则见 docs/checks.md 中它的一行。",
     "Info: noted, not a contradiction of the document: a difference within the check's stated tolerance (the "
     "printed precision of the figures compared, e.g. whole 万元 ±5,000 yuan, 0.01 万元 ±50 yuan; a last-digit slip "
     "of a percentage, at most 0.02 points), or one the template allows (a note covering only some projects, such "
     "as 绩效目标 for selected projects; wording such as 增加0万元, 其他 / 其它, full- or half-width brackets). Each "
     "check's rule is in its row of docs/checks.md."),
    ("parse_gap",
     "读取缺口：导入未能放置的行、表或说明条款，以及依赖它而未能核对的检查结果（“未核对”）；是我们的局限，不是文档的错误。",
     "Parse gap: a row, table or narrative clause the ingest could not place, and every check result that "
     "depended on it (\"not checked\"); a limit of our reading, never the document's error."),
)
