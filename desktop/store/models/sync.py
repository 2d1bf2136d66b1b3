"""Device-local sync state: trusted peers, signed chain heads, chain links, and the bundle journal.

None of these are synced records; they describe what this device knows about other devices.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base


class Peer(Base):
    """Another installation whose keys this device knows: trusted by a person, or certified by a
    trusted township. ``has_vector`` is what the peer last said it holds (JSON {origin: seq})."""

    __tablename__ = "peer"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    user_name: Mapped[str | None] = mapped_column(String(64))
    village_id: Mapped[str | None] = mapped_column(String(36))
    village_code: Mapped[str | None] = mapped_column(String(32))
    village_name: Mapped[str | None] = mapped_column(String(64))
    township_code: Mapped[str | None] = mapped_column(String(32))
    township_name: Mapped[str | None] = mapped_column(String(64))
    sign_key: Mapped[str] = mapped_column(String(64), unique=True)
    box_key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)
    trusted_via: Mapped[str] = mapped_column(String(64))  # "card" or "certificate:<issuer device id>"
    trusted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    certificate: Mapped[str | None] = mapped_column(Text)  # the issuer-signed certificate, to relay
    revoked_after_seq: Mapped[int | None] = mapped_column(BigInteger)  # ops beyond it are refused
    revocation: Mapped[str | None] = mapped_column(Text)  # the signed revocation, to relay
    has_vector: Mapped[str | None] = mapped_column(Text)
    last_bundle_in: Mapped[str | None] = mapped_column(String(36))
    last_bundle_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_bundle_out: Mapped[str | None] = mapped_column(String(36))
    last_bundle_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SignedHead(Base):
    """An origin's signature over its chain at ``seq``: everything below it links to it by hash."""

    __tablename__ = "signed_head"

    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[str] = mapped_column(String(32))
    signature: Mapped[str] = mapped_column(String(100))


class OpLink(Base):
    """An operation this device may not see (another village's), known only by its place in the chain."""

    __tablename__ = "op_link"

    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    body_digest: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class BundleRecord(Base):
    """The journal of bundles written and read: the receipt a return bundle reports comes from here."""

    __tablename__ = "bundle_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(8))  # out / in
    peer_device_id: Mapped[str | None] = mapped_column(String(36), index=True)
    peer_fingerprint: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(
        String(16)
    )  # written / applied / already_had / quarantined / rejected
    reason: Mapped[str | None] = mapped_column(Text)
    op_count: Mapped[int] = mapped_column(Integer, default=0)
    applied_count: Mapped[int] = mapped_column(Integer, default=0)
    blob_count: Mapped[int] = mapped_column(Integer, default=0)
    byte_size: Mapped[int] = mapped_column(BigInteger, default=0)
    file_name: Mapped[str | None] = mapped_column(Text)
    stored_path: Mapped[str | None] = mapped_column(Text)  # a quarantined copy
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    reported: Mapped[int] = mapped_column(Integer, default=0)  # 1 once a receipt carried it back
