"""Which fields take their values from a national code list, and the value to store for what a person
typed: the list's canonical national value for any accepted spelling or national code, else the text
itself when the field allows it."""

from __future__ import annotations

from desktop.domain.codes import code_list, normalise
from desktop.domain.errors import InvalidInput
from desktop.domain.fields import CHOICES, label

# Fields whose values come from a national code list (resources/codes): any spelling of the list is
# accepted and the canonical national value stored.
CODE_LISTS: dict[tuple[str, str], str] = {
    ("household", "category"): "household_category",
    ("household", "poverty_status"): "poverty_status",
    ("household", "main_cause"): "poverty_cause",
    ("household", "other_causes"): "poverty_cause",
    ("member", "relation"): "relation",
    ("member", "ethnicity"): "ethnicity",
    ("member", "education"): "education",
    ("member", "schooling"): "schooling",
    ("member", "health"): "health",
    ("member", "labour"): "labour",
    ("member", "work_status"): "work_status",
}


def choice_value(table: str, field: str, text: str) -> str:
    """The value to store for a typed choice: a code list's canonical value (户主 -> 本人或户主), else
    a national code (``01``) its value; ``text`` itself when the field allows it; InvalidInput with one line naming what is wrong."""
    key = CODE_LISTS.get((table, field))
    if key is not None:
        codes = code_list(key)
        found = codes.canonical(text) or codes.value_of_code(text)  # 01 as a national export codes it
        if found is None:
            raise InvalidInput(codes.refusal(label(table, field), text))
        return found
    choices = CHOICES.get((table, field))
    if choices is None or text in choices:
        return text
    folded = {choice.casefold(): choice for choice in choices}  # 住房鉴定等级 b is B
    found = folded.get(normalise(text).casefold())
    if found is None:
        raise InvalidInput(f"{label(table, field)}不能是“{text}”，可选：{'、'.join(choices)}")
    return found
