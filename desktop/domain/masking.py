"""Masking ID and phone numbers on screens other people can see (a village office, a projector).

The region code (first six characters of an ID number) is kept: it is the same for the whole
village and lets a cadre tell a mistyped or out-of-county number at a glance. The birth date and
sequence are hidden; the last four characters stay so two members can be told apart.
"""

from __future__ import annotations

import re


def mask_id_number(id_number: str) -> str:
    """``513301199001011234`` -> ``513301********1234``; other lengths keep their last four."""
    text = id_number.strip()
    if len(text) >= 15:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    if len(text) > 4:
        return "*" * (len(text) - 4) + text[-4:]
    return "*" * len(text)


def mask_phone(phone: str) -> str:
    """``13800001234`` -> ``138****1234``; short numbers keep only their last two characters."""
    text = phone.strip()
    if len(text) >= 8:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    if len(text) > 2:
        return "*" * (len(text) - 2) + text[-2:]
    return text


# an ID number (18 or 15 characters) or a phone number (mobile, or landline with area code) inside
# free text such as a change-log line; digit runs that touch other digits are left alone
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:1\d{10}|0\d{2,3}-?\d{7,8})(?!\d)")


def mask_numbers_in(text: str) -> str:
    """Every ID and phone number inside ``text`` masked, the rest of the words kept."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group()), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)


def mask_account(account: str) -> str:
    """``6214578594959614485`` -> ``***************4485``: a bank account keeps its last four."""
    text = account.strip()
    return "*" * max(0, len(text) - 4) + text[-4:] if len(text) > 4 else "*" * len(text)


_MASKS = {"id_number": mask_id_number, "phone": mask_phone, "bank_account": mask_account}


def mask_fields(value: object) -> object:
    """A copy of a JSON-like value (dicts, lists) with every ID number, phone number and bank account
    masked by its field name (``id_number``, ``phone``, ``bank_account``, ``…_phone``)."""
    if isinstance(value, dict):
        masked = {}
        for key, item in value.items():
            mask = _MASKS.get(key) or (mask_phone if str(key).endswith("_phone") else None)
            masked[key] = mask(item) if mask is not None and isinstance(item, str) else mask_fields(item)
        return masked
    if isinstance(value, list):
        return [mask_fields(item) for item in value]
    return value
