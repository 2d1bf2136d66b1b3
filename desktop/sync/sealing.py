"""Encryption of bundle members to the recipient's X25519 key.

One ephemeral X25519 key per bundle; HKDF-SHA256 of the shared secret gives a 32-byte key; each member
is sealed with ChaCha20-Poly1305 under a nonce made from its index, with the bundle id and member name
as associated data (so members cannot be swapped between bundles or positions).
"""

from __future__ import annotations

import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.sync.keys import b64, unb64

SCHEME = "X25519-HKDF-SHA256-ChaCha20Poly1305"
_CONTEXT = b"zhucun-bundle-v1\n"


class SealError(ValueError):
    pass


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes, bundle_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=_CONTEXT + bundle_id.encode("ascii"),
    ).derive(shared)


class Sealer:
    """The sending side: makes the ephemeral key and seals members."""

    def __init__(
        self, recipient_box_key: str, bundle_id: str, ephemeral: X25519PrivateKey | None = None
    ) -> None:
        ephemeral = ephemeral or X25519PrivateKey.generate()  # fixed only for the published test vector
        recipient = unb64(recipient_box_key, 32)
        self.ephemeral_key = b64(ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
        self._aead = ChaCha20Poly1305(_derive(shared, unb64(self.ephemeral_key), recipient, bundle_id))
        self._bundle_id = bundle_id

    def seal(self, index: int, name: str, plain: bytes, *, compress: bool) -> bytes:
        data = zlib.compress(plain, 6) if compress else plain
        return self._aead.encrypt(_nonce(index), data, _aad(self._bundle_id, name))


class Opener:
    """The receiving side: derives the same key from its private X25519 key."""

    def __init__(self, box: X25519PrivateKey, ephemeral_key: str, bundle_id: str) -> None:
        try:
            ephemeral = unb64(ephemeral_key, 32)
            shared = box.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        except ValueError as exc:
            raise SealError(f"bad ephemeral key: {exc}") from None
        recipient = box.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self._aead = ChaCha20Poly1305(_derive(shared, ephemeral, recipient, bundle_id))
        self._bundle_id = bundle_id

    def open(self, index: int, name: str, sealed: bytes, *, compressed: bool, plain_size: int) -> bytes:
        try:
            data = self._aead.decrypt(_nonce(index), sealed, _aad(self._bundle_id, name))
        except InvalidTag:
            raise SealError("decryption failed") from None
        if not compressed:
            plain = data
        else:
            inflater = zlib.decompressobj()
            try:
                plain = inflater.decompress(data, plain_size + 1)  # never more than declared: no bomb
            except zlib.error:
                raise SealError("decompression failed") from None
            if inflater.unconsumed_tail or not inflater.eof:
                raise SealError("larger than declared")
        if len(plain) != plain_size:
            raise SealError(f"size {len(plain)} differs from the declared {plain_size}")
        return plain


def _nonce(index: int) -> bytes:
    return b"\0\0\0\0" + index.to_bytes(8, "big")


def _aad(bundle_id: str, name: str) -> bytes:
    return _CONTEXT + bundle_id.encode("ascii") + b"\n" + name.encode("ascii")
