"""Device-local tables: this device's identity and clock, the change log, and derived indexes.

None of these are synced records: they never appear in ``dump`` and are not written through operations.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base


class DeviceState(Base):
    """One row: who this installation is, and the next values of its clock and sequence."""

    __tablename__ = "device_state"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # village / township
    village_id: Mapped[str | None] = mapped_column(String(36))
    user_name: Mapped[str] = mapped_column(String(64))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    chain_head: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # public keys (base64 of the raw 32 bytes); the private halves live in the data folder's keys/
    sign_key: Mapped[str | None] = mapped_column(String(64))
    box_key: Mapped[str | None] = mapped_column(String(64))
    township_code: Mapped[str | None] = mapped_column(String(32))
    township_name: Mapped[str | None] = mapped_column(String(64))


class Operation(Base):
    """The change log. One row per write, from this device or received from another.

    ``hash`` covers every other column and ``prev_hash``, so each origin's ops form a chain that a bundle
    reader can check (see oplog.py). ``fields`` is canonical JSON of the changed fields and their new values.
    """

    __tablename__ = "op_log"
    __table_args__ = (Index("ix_op_log_record", "record_id", "hlc"),)

    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hlc: Mapped[int] = mapped_column(BigInteger)
    author: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    fields: Mapped[str] = mapped_column(Text)
    base: Mapped[str | None] = mapped_column(Text)  # canonical JSON {field: [hash, …]}: what it replaced
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class HouseholdSearch(Base):
    """Derived text to find a household by names, pinyin initials, 户编号, ID numbers and phones."""

    __tablename__ = "household_search"

    household_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    village_id: Mapped[str | None] = mapped_column(String(36), index=True)
    text: Mapped[str] = mapped_column(Text)
    # what a list of found households shows beside each, made with the text (so showing them reads no
    # member): how many members are not archived, and the name of the 户主 among them (the first by name)
    member_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    head_name: Mapped[str | None] = mapped_column(String(64))
    # and the household's own listed columns (copies, refreshed with the text): a search then reads this
    # table alone, sorts and cuts in SQL, and never reads a household row it does not show (issue 17)
    number: Mapped[str | None] = mapped_column(String(32))
    group_name: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(16))
    poverty_status: Mapped[str | None] = mapped_column(String(8))
    phone: Mapped[str | None] = mapped_column(String(32))
    archived: Mapped[bool | None] = mapped_column(Boolean)


class HouseholdVerdict(Base):
    """Derived: a household's 两不愁三保障 + 饮水安全 verdicts as judged on ``judged_on`` with the checklist
    policy ``stamp`` names, holding until the day before ``holds_until`` (None: until its records
    change). Refreshed before every commit for the households it touched; 概况, 各村 and the gap
    report count and read these rows instead of judging every household (services/checklist/standing.py).
    One status column per dimension (``met`` / ``not_met`` / ``unknown``), ``short`` / ``to_verify``
    as the one definition says, the reasons as canonical JSON ``[[status, [reason, ...]], ...]`` in
    the order of the dimensions."""

    __tablename__ = "household_verdict"

    household_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(32))
    judged_on: Mapped[dt.date] = mapped_column(Date)
    holds_until: Mapped[dt.date | None] = mapped_column(Date, index=True)
    head_name: Mapped[str] = mapped_column(Text)
    # members on record and not archived: whatever the day (the row is written again when one changes)
    people: Mapped[int] = mapped_column(Integer)
    food: Mapped[str] = mapped_column(String(8))
    clothes: Mapped[str] = mapped_column(String(8))
    education: Mapped[str] = mapped_column(String(8))
    medical: Mapped[str] = mapped_column(String(8))
    housing: Mapped[str] = mapped_column(String(8))
    water: Mapped[str] = mapped_column(String(8))
    short: Mapped[bool] = mapped_column(Boolean)
    to_verify: Mapped[bool] = mapped_column(Boolean)
    verdicts: Mapped[str] = mapped_column(Text)


class HouseholdVerdictMember(Base):
    """Derived: the household each member belonged to when its household's verdicts were judged, so a
    member who moved (or arrived in a bundle moved) makes its former household be judged again too."""

    __tablename__ = "household_verdict_member"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    household_id: Mapped[str] = mapped_column(String(36), index=True)


class LocalSetting(Base):
    """Small device-local facts: last backup time, last bundle exported, and the like."""

    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
