"""日志: the 驻村工作日志 and 在岗考勤 page (issue 18)."""
