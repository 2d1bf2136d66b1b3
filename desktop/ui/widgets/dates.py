"""Qt dates as Python dates (``QDate.toPython`` and ``QDateTime.toPython`` are typed as returning ``object``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime


def py_date(value: QDate) -> dt.date:
    """The calendar day of a valid ``QDate``."""
    return dt.date(value.year(), value.month(), value.day())


def py_datetime(value: QDateTime) -> dt.datetime:
    """The local date and time of a valid ``QDateTime``, to the second."""
    day, time = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), time.second())
