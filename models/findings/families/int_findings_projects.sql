-- The failures of the checks of family P (项目与绩效目标 projects), as the checks state them.
{{ family_check_findings('p') }}
