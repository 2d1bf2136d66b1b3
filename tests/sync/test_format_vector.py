"""The published test vectors, read by an independent reader written from docs/bundle-format.md alone
(only the ``cryptography`` primitives, none of Zhucun's sync code); today's (version 3) re-made byte
for byte, and version 2's still read, by that reader and by Zhucun's."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.sync.container import BundleReader

from .vector_maker import VECTOR, fixed_keys, make_vector


def canonical(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def read_as_documented(bundle: Path, recipient_private: bytes, sender_public: bytes) -> dict[str, object]:
    data = bundle.read_bytes()
    # §2: the file ends with the end-of-central-directory record whose comment is the signature
    prefix = b"zhucun-bundle-v2 signature "
    comment = data[-(len(prefix) + 128) :]
    record = data[-(len(prefix) + 128 + 22) : -(len(prefix) + 128)]
    assert record[:4] == b"PK\x05\x06" and int.from_bytes(record[20:22], "little") == len(comment)
    assert comment.startswith(prefix)
    signature = bytes.fromhex(comment[len(prefix) :].decode("ascii"))
    digest = hashlib.sha256(data[:-128]).digest()
    archive = zipfile.ZipFile(bundle)
    assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    assert "manifest.sig" not in archive.namelist()
    manifest_bytes = archive.read("manifest.json")
    manifest = json.loads(manifest_bytes)
    assert manifest["format_version"] in (2, 3)
    Ed25519PublicKey.from_public_bytes(sender_public).verify(signature, b"zhucun-bundle-v2\n" + digest)
    assert manifest_bytes == canonical(manifest)
    box = X25519PrivateKey.from_private_bytes(recipient_private)
    ephemeral = base64.b64decode(manifest["encryption"]["ephemeral_key"])
    recipient_public = box.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient_public,
        info=b"zhucun-bundle-v1\n" + manifest["bundle_id"].encode(),
    ).derive(box.exchange(X25519PublicKey.from_public_bytes(ephemeral)))
    opened: dict[str, bytes] = {}
    for member in manifest["members"]:
        sealed = archive.read(member["name"])
        assert len(sealed) == member["size"]
        if member["kind"] != "blob" or manifest["format_version"] == 2:  # §3: a v3 photo's is its name's
            assert hashlib.sha256(sealed).hexdigest() == member["sha256"]
        else:
            assert member["sha256"] == member["name"].removeprefix("blobs/").removesuffix(".bin")
        nonce = b"\0\0\0\0" + member["index"].to_bytes(8, "big")
        aad = b"zhucun-bundle-v1\n" + manifest["bundle_id"].encode() + b"\n" + member["name"].encode()
        data = ChaCha20Poly1305(key).decrypt(nonce, sealed, aad)
        plain = zlib.decompress(data) if member["compression"] == "zlib" else data
        assert len(plain) == member["plain_size"]
        opened[member["name"]] = plain
    ops = json.loads(opened["ops/000001.bin"])
    previous = "0" * 64
    for op in ops:
        content = [op[k] for k in ("origin", "seq", "hlc", "author", "table", "record_id", "fields")]
        if op.get("base"):
            content.append(op["base"])
        digest = hashlib.sha256(canonical(content)).hexdigest()
        assert op["prev_hash"] == previous
        assert (
            hashlib.sha256(b"zhucun-op-v2\n" + previous.encode() + b"\n" + digest.encode()).hexdigest()
            == op["hash"]
        )
        previous = op["hash"]
    control = json.loads(opened["control.bin"])
    (head,) = control["heads"]
    body = {k: v for k, v in head.items() if k != "signature"}
    Ed25519PublicKey.from_public_bytes(sender_public).verify(
        base64.b64decode(head["signature"]), b"zhucun-head-v1\n" + canonical(body)
    )
    assert head["hash"] == previous and head["seq"] == ops[-1]["seq"]
    for name, plain in opened.items():
        if name.startswith("blobs/"):
            assert hashlib.sha256(plain).hexdigest() == name.removeprefix("blobs/").removesuffix(".bin")
    return {"manifest": manifest, "ops": ops}


@pytest.mark.parametrize(("name", "version"), [("bundle.zcb", 3), ("bundle-v2.zcb", 2)])
def test_the_vector_reads_as_documented(name: str, version: int) -> None:
    keys = json.loads((VECTOR / "keys.json").read_text(encoding="utf-8"))
    recipient_private = base64.b64decode(json.loads(keys["recipient_x25519_private"])["x25519"])
    sender_public = base64.b64decode(keys["sender_ed25519_public"])
    result = read_as_documented(VECTOR / name, recipient_private, sender_public)
    manifest = result["manifest"]
    assert isinstance(manifest, dict) and manifest["format_version"] == version
    expected = json.loads((VECTOR / "expected-ops.json").read_text(encoding="utf-8"))
    assert result["ops"] == expected
    assert [op["fields"].get("name") for op in expected] == [None, "卓嘎", None]


@pytest.mark.parametrize("name", ["bundle.zcb", "bundle-v2.zcb"])
def test_zhucun_reads_both_versions(name: str) -> None:
    """Today's reader proves a version-2 bundle as it proves version 3: the file's signature, then each
    member (a photo against its name)."""
    with BundleReader(VECTOR / name) as reader:
        opener = reader.opener(fixed_keys("recipient").box)
        opened = {member.name: reader.read_member(member, opener) for member in reader.members}
    expected = json.loads((VECTOR / "expected-ops.json").read_text(encoding="utf-8"))
    assert json.loads(opened["ops/000001.bin"]) == expected
    (photo,) = (plain for member, plain in opened.items() if member.startswith("blobs/"))
    assert photo.startswith(b"\xff\xd8")


def test_the_writer_still_makes_the_vector_byte_for_byte() -> None:
    """The format is stable: today's code writes exactly the published bytes from the fixed keys."""
    assert make_vector() == (VECTOR / "bundle.zcb").read_bytes()
