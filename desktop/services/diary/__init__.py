"""驻村工作日志 and 在岗考勤 (issue 18): diary entries, 在村 marks and leave as synced ``work_log``
records, the month's attendance per person, and the township's required days."""

from desktop.services.diary.attendance import (
    MonthGap,
    PersonMonth,
    attendance,
    attendance_gaps,
    month_span,
    parse_month,
)
from desktop.services.diary.entries import (
    DiaryEntry,
    LeaveRow,
    add_entry,
    add_leave,
    edit_entry,
    edit_leave,
    entry_on,
    list_entries,
    list_leaves,
    mark_present,
    remove_leave,
    restore_leave,
    team_members,
    unmark_present,
)
from desktop.services.diary.rules import NOT_SET, REQUIRED_DAYS, required_days, rules, set_required_days

__all__ = [
    "NOT_SET",
    "REQUIRED_DAYS",
    "DiaryEntry",
    "LeaveRow",
    "MonthGap",
    "PersonMonth",
    "add_entry",
    "add_leave",
    "attendance",
    "attendance_gaps",
    "edit_entry",
    "edit_leave",
    "entry_on",
    "list_entries",
    "list_leaves",
    "mark_present",
    "month_span",
    "parse_month",
    "remove_leave",
    "required_days",
    "restore_leave",
    "rules",
    "set_required_days",
    "team_members",
    "unmark_present",
]
