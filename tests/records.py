"""Small builders for test records."""

from __future__ import annotations

import datetime as dt

from desktop.domain.idnumber import check_character


def make_id_number(birth: dt.date, sequence: int, region: str = "513301") -> str:
    """A valid GB 11643 number; an odd ``sequence`` is a man, an even one a woman."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)
