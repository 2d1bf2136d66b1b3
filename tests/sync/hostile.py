"""Crafting hostile bundles from a real one: flipped bytes, cuts, appended bytes, and manifests or
control members with fields of the wrong type, signed again with the sender's real key so that the
type checks (not the signature) are what is exercised.

Only ``desktop`` APIs that format versions 1 and 2 share are used, so ``bench/bench_hostile_bundles.py``
can measure the code of main (version 1) and of this branch in the same run.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.store.types import canonical_json
from desktop.sync import container
from desktop.sync.container import BundleReader, BundleWriter
from desktop.sync.keys import DeviceKeys

MISSING = object()  # the key is removed

# The declared type of each field (docs/bundle-format.md §3 and §6): "uuid", "text", "text?" (text or
# null or absent), "int" (≥ 0), "seq" (≥ 1), "bool", "key" (base64 of 32 bytes), "fp" (fingerprint),
# "hex" (64 hex), "object", "array", "object?".
MANIFEST_FIELDS: dict[str, str] = {
    "format": "text",
    "format_version": "seq",
    "bundle_id": "uuid",
    "created_at": "text",
    "app_version": "text",
    "schema": "text",
    "sender": "object",
    "sender.device_id": "uuid",
    "sender.role": "role",
    "sender.fingerprint": "fp",
    "sender.sign_key": "key",
    "sender.box_key": "key",
    "sender.village_code": "text?",
    "sender.township_code": "text?",
    "recipient": "object",
    "recipient.device_id": "uuid",
    "recipient.fingerprint": "fp",
    "village_code": "text?",
    "full": "bool",
    "origins": "array",
    "origins.0": "object",
    "origins.0.origin": "uuid",
    "origins.0.first_seq": "seq",
    "origins.0.last_seq": "seq",
    "origins.0.ops": "int",
    "origins.0.links": "int",
    "counts": "object",
    "counts.ops": "int",
    "counts.links": "int",
    "counts.blobs": "int",
    "sender_has": "map",
    "encryption": "object",
    "encryption.scheme": "text",
    "encryption.ephemeral_key": "key",
    "members": "array",
    "members.0": "object",
    "members.0.name": "text",
    "members.0.kind": "text",
    "members.0.index": "int",
    "members.0.size": "int",
    "members.0.plain_size": "int",
    "members.0.sha256": "hex",
    "members.0.compression": "text",
    "members.1.sha256": "hex",
}

CONTROL_FIELDS: dict[str, str] = {
    "heads": "array",
    "heads.0": "object",
    "heads.0.origin": "uuid",
    "heads.0.seq": "seq",
    "heads.0.hash": "hex",
    "heads.0.signed_at": "text",
    "heads.0.signature": "text",
    "heads.0.format": "text",
    "heads.0.version": "seq",
    "certificates": "array",
    "revocations": "array",
    "receipt": "object?",
    "missing_blobs": "array",
}

# values no field of the kind accepts
_ANY_WRONG: list[Any] = [5, -1, 10**30, 1.5, True, [], ["x"], {}, {"a": {"b": [1]}}, "5", None, MISSING]


def wrong_values(kind: str) -> list[Any]:
    """Values that a field of ``kind`` must refuse (a wrong type, out of range, absent)."""

    def ok(value: Any) -> bool:
        if value is MISSING:
            return kind in ("text?", "object?")
        if kind in ("text?", "object?") and value is None:
            return True
        if kind in ("text", "text?"):
            return isinstance(value, str)
        if kind in ("int", "seq"):
            return (
                isinstance(value, int)
                and not isinstance(value, bool)
                and (kind == "int" or value >= 1)
                and (0 <= value < 2**63)
            )
        if kind == "bool":
            return isinstance(value, bool)
        if kind in ("object", "object?"):
            return isinstance(value, dict) and kind == "object?" and value == {}  # {} lacks its fields
        if kind == "map":
            return isinstance(value, dict) and value == {}  # an empty version vector is a valid one
        if kind == "array":
            return isinstance(value, list) and value == []  # an empty list is a valid list
        return False  # uuid, role, fp, key, hex: none of _ANY_WRONG is one

    return [value for value in _ANY_WRONG if not ok(value)]


def set_path(document: Any, path: str, value: Any) -> Any:
    """A deep copy of ``document`` with the field at ``path`` (dots; list indices as numbers) replaced."""
    result = copy.deepcopy(document)
    *parents, last = path.split(".")
    node = result
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if value is MISSING:
        del node[key]
    else:
        node[key] = value
    return result


def has_path(document: Any, path: str) -> bool:
    node = document
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return False
    return True


def read_manifest_and_members(bundle: Path, recipient: DeviceKeys) -> tuple[dict[str, Any], list[Any]]:
    with BundleReader(bundle) as reader:
        opener = reader.opener(recipient.box)
        return dict(reader.manifest), [(m, reader.read_member(m, opener)) for m in reader.members]


def with_manifest(bundle: bytes, manifest: Any, sender: DeviceKeys) -> bytes:
    """The same members under another manifest, signed again by the sender."""
    data = canonical_json(manifest).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            if info.filename == "manifest.sig":
                continue
            content = data if info.filename == "manifest.json" else zin.read(info.filename)
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0)), content)
        if container.FORMAT_VERSION == 1:
            signature = base64.b64encode(sender.sign(b"zhucun-bundle-v1\n" + data))
            zout.writestr(zipfile.ZipInfo("manifest.sig", date_time=(2020, 1, 1, 0, 0, 0)), signature)
        else:
            zout.comment = b"zhucun-bundle-v2 signature " + b"0" * 128
    return sign(out.getvalue(), sender)


def sign(data: bytes, sender: DeviceKeys) -> bytes:
    """Sign a version-2 file again (its last 128 bytes); a version-1 file is returned unchanged."""
    if container.FORMAT_VERSION == 1:
        return data
    digest = hashlib.sha256(data[:-128]).digest()
    return data[:-128] + sender.sign(b"zhucun-bundle-v2\n" + digest).hex().encode("ascii")


def with_control(
    manifest: dict[str, Any], members: list[Any], control: Any, sender: DeviceKeys, recipient_box_key: str
) -> bytes:
    """The same bundle with another control member, sealed and signed as the sender's program would."""
    buffer = io.BytesIO()
    writer = BundleWriter(buffer, bundle_id=manifest["bundle_id"], recipient_box_key=recipient_box_key)
    for member, plain in members:
        if member.name == "control.bin":
            plain = json.dumps(control, ensure_ascii=False, sort_keys=True).encode("utf-8")
        writer.add(member.name, member.kind, plain, compress=member.compressed)
    base = {
        k: v for k, v in manifest.items() if k not in ("format", "format_version", "encryption", "members")
    }
    writer.finish(base, sender)
    return buffer.getvalue()


def manifest_cases(manifest: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for path, kind in MANIFEST_FIELDS.items():
        if has_path(manifest, path):
            for value in wrong_values(kind):
                yield f"manifest {path}={_show(value)}", set_path(manifest, path, value)
    for path in ("sender", "recipient", "counts"):
        yield f"manifest {path} nested", set_path(manifest, path, {"x": manifest[path]})


def control_cases(control: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for path, kind in CONTROL_FIELDS.items():
        if has_path(control, path):
            for value in wrong_values(kind):
                yield f"control {path}={_show(value)}", set_path(control, path, value)
    for key in ("certificates", "revocations", "missing_blobs"):
        for value in (5, "x", [5], [["x"]], [{"issuer": ["x"]}], [None]):
            yield f"control {key}={_show(value)}", set_path(control, key, value)
    receipt = {"bundles": [{"bundle_id": 5, "status": "applied"}], "conflicts": "x"}
    yield "control receipt=bad", set_path(control, "receipt", receipt)
    yield "control=[]", []
    yield "control=5", 5


def _show(value: Any) -> str:
    return "<missing>" if value is MISSING else json.dumps(value)[:24]
