"""Thumbnails (320 px on the long edge) for photo lists in the GUI and contact sheets in printed ledgers.

How a thumbnail is found, without a schema change and without anything extra in bundles:

- A thumbnail is a pure function of the stored image's bytes (``make_thumbnail``): derived data, like a
  cache. The ``photo`` record names only the image (``photo.sha256``); bundles carry only that image;
  every device makes its own thumbnails, and the same Pillow makes the same bytes everywhere.
- The thumbnail's bytes are an ordinary blob in the content-addressed ``BlobStore``
  (``photos/ab/<thumbnail sha>.bin``). A pointer file ``photos/thumbs/ab/<image sha>.txt`` holds the
  thumbnail's SHA-256 (64 hex digits); it is written atomically, after the blob.
- ``thumbnail_sha(store, image_sha)`` reads the pointer. When the pointer is missing (the photo came in
  a bundle), unreadable, or names a blob that is gone, the thumbnail is made again from the image blob
  and the pointer rewritten. It returns ``None`` only when the image blob is not on this device (its
  sender lacked the file) or cannot be decoded.
- Anyone who ever cleans up unreferenced blobs must count the blobs named by pointers as referenced.
- In an encrypted data folder a thumbnail is sealed like any blob (``BlobStore.put``): no picture of a
  person or a house is ever on disk in clear. The pointer holds only a hash. Readers take the bytes
  (``BlobStore.read``), never the file.
"""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

from PIL import Image, ImageOps

from desktop.media.blob_store import BlobStore
from desktop.media.decode import BadPhoto, decode, open_image

THUMBNAIL_EDGE = 320
THUMBNAIL_QUALITY = 80

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_lock = threading.Lock()  # a GUI worker and an import may ask for the same thumbnail at once


def make_thumbnail(image_bytes: bytes, *, edge: int = THUMBNAIL_EDGE, name: str = "照片") -> bytes:
    """A JPEG at most ``edge`` px on its long edge (never enlarged), upright, without metadata."""
    with open_image(image_bytes, name) as image:
        # draft: a 2048 px JPEG is decoded at 1/4 scale straight away, then finished with Lanczos
        image.draft(None, (edge, edge))
        decode(image, name)
        upright = ImageOps.exif_transpose(image)  # stored images are upright; older blobs may not be
        upright.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=THUMBNAIL_QUALITY)
        return out.getvalue()


def pointer_path(store: BlobStore, image_sha: str) -> Path:
    store.path(image_sha)  # validates the name
    return store.root / "thumbs" / image_sha[:2] / f"{image_sha}.txt"


def store_thumbnail(store: BlobStore, image_sha: str, thumbnail: bytes) -> str:
    """Keep ``thumbnail`` as the thumbnail of the image ``image_sha``; returns the thumbnail's SHA-256."""
    thumb_sha = store.put(thumbnail)
    store.write_file(pointer_path(store, image_sha), thumb_sha.encode("ascii"))
    return thumb_sha


def thumbnail_sha(store: BlobStore, image_sha: str, image: bytes | None = None) -> str | None:
    """The blob name of the image's thumbnail, made now if this device has none yet (from ``image``,
    the image's bytes, when the caller has them: it may have been stored in a batch not finished yet)."""
    pointer = pointer_path(store, image_sha)
    found = _read_pointer(pointer)
    if found is not None and store.has(found):
        return found
    with _lock:
        found = _read_pointer(pointer)
        if found is not None and store.has(found):
            return found
        if image is None and not store.has(image_sha):
            return None
        try:
            thumbnail = make_thumbnail(
                image if image is not None else store.read(image_sha), name=image_sha[:12]
            )
        except BadPhoto:
            return None
        return store_thumbnail(store, image_sha, thumbnail)


def _read_pointer(pointer: Path) -> str | None:
    try:
        text = pointer.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if _SHA256.match(text) else None
