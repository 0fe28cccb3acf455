-- The failures of the checks of family N (文字说明与表 narrative vs tables), as the checks state them.
{{ family_check_findings('n') }}
