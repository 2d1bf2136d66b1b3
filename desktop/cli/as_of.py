"""``--as-of YYYY-MM-DD``: judge verdicts, ages, school age and default income years on that day."""

from __future__ import annotations

import argparse
import datetime as dt


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="按这一天判断年龄、适龄入学和各项结论（默认今天，不能晚于今天）"
    )


def as_of(args: argparse.Namespace) -> dt.date | None:
    """The ``--as-of`` day (a ``datetime.date``), or None; a malformed day is one Chinese line, exit 2."""
    from desktop.services.households.field_input import parse_date

    text = getattr(args, "as_of", None)
    return None if text is None else parse_date(text, "判断日期 --as-of ")
