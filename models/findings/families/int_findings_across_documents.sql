-- The failures of the checks of family D (跨文档 across documents), as the checks state them.
{{ family_check_findings('d') }}
