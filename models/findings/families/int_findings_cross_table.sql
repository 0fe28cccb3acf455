-- The failures of the checks of family X (表与表 cross-table), as the checks state them.
{{ family_check_findings('x') }}
