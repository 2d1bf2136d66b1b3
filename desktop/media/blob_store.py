"""Immutable blobs (photos) named by the SHA-256 of their bytes: ``photos/ab/abcdef….bin``.

The same bytes are stored once; a blob is written to a temporary name and renamed, so a stored blob is
always complete, and reading checks nothing more than the name promises. In an encrypted data folder
each blob is sealed with the data key (``blob_encryption``) and still named by its plain bytes' SHA-256;
reading opens it. ``of_home`` refuses an encrypted folder that is not unlocked in this process, so no
caller can write a photo in clear there.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from desktop.domain.errors import StoreProblem
from desktop.media.blob_encryption import is_sealed, photo_key, seal, unseal
from desktop.store import unlocked
from desktop.store.atomic_file import fsync_dir, left_behind, partial_writer, write_atomic
from desktop.store.keyring import keyring_path
from desktop.store.wipe import wipe_file

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_BLOB_NAME = re.compile(r"^[0-9a-f]{64}\.bin$")


class BlobStore:
    def __init__(self, root: Path, data_key: bytes | None = None) -> None:
        self.root = root
        self._key = photo_key(data_key) if data_key is not None else None
        self._batch: _Batch | None = None

    @classmethod
    def of_home(cls, home: Path) -> BlobStore:
        data_key = unlocked.data_key_for(home)
        if data_key is None and keyring_path(home).exists():
            raise StoreProblem(f"{home} 中的台账已加密且未解锁：不能读写照片")
        return cls(home / "photos", data_key)

    @property
    def encrypted(self) -> bool:
        return self._key is not None

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}.bin"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        if not is_sealed(data):
            return data  # a plain folder, or a blob a conversion has not reached yet
        if self._key is None:
            raise StoreProblem("这张照片已加密：需要先用口令解锁台账")
        return unseal(self._key, sha256, data)

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        self.put_named(sha256, data)
        return sha256

    def put_named(self, sha256: str, data: bytes) -> None:
        """Store ``data`` whose SHA-256 the caller has just computed itself (a bundle's photo, checked
        against its name while it was decrypted): the bytes are not hashed a second time."""
        target = self.path(sha256)
        if not target.is_file() and not (self._batch is not None and self._batch.holds(target)):
            self._write(target, sha256, data)
        else:
            try:
                os.utime(target)  # young again: the orphan sweep keeps a blob about to be named again
            except FileNotFoundError:  # swept meanwhile: store it again
                self._write(target, sha256, data)

    def prepare(self, sha256: str) -> None:
        """The folder ``stage`` writes ``sha256``'s file in exists (inside a batch: synced at its end)."""
        target = self.path(sha256)
        if self._batch is not None:
            self._batch.make_folder(self.root, target.parent)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)

    def stage(self, sha256: str, data: bytes) -> Path:
        """``data`` (whose SHA-256 the caller has just taken: ``sha256``) written and fsynced beside its
        final name, under the temporary name a killed process's leftovers are swept by; ``adopt`` gives
        it its name, ``discard`` removes it. Callable from any thread, once ``prepare`` made the folder.
        What a bundle's import writes while the bundle is still being proven."""
        target = self.path(sha256)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        sealed = data if self._key is None else seal(self._key, sha256, data)
        try:
            with open(partial, "wb") as handle:
                handle.write(sealed)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return partial

    def adopt(self, sha256: str, partial: Path) -> None:
        """A file ``stage`` wrote takes its name (its folder is synced at the end of the batch, or here
        when there is none)."""
        target = self.path(sha256)
        os.replace(partial, target)
        if self._batch is None:
            fsync_dir(target.parent)

    @staticmethod
    def discard(partial: Path) -> None:
        """A file ``stage`` wrote, not wanted after all (its bundle was refused)."""
        partial.unlink(missing_ok=True)

    def keep(self, sha256: str) -> bool:
        """Whether the photo is held already; if so it is made young again, so the orphan sweep keeps
        it until the records naming it are committed (a bundle's copy of it need not be read)."""
        target = self.path(sha256)
        if self._batch is not None and self._batch.holds(target):
            return True
        try:
            os.utime(target)
        except FileNotFoundError:
            return False
        return target.is_file()

    @contextmanager
    def batch(self, *, threads: bool = True) -> Iterator[None]:
        """Photos put inside are written by a few threads, each file fsynced before it takes its name,
        and each folder synced once, at the end (also when the block fails, after every write has
        finished): leave the block before committing records that name them. A write that failed
        raises when the block ends.

        One photo after another, the fsyncs of file and folder were a third of importing a bundle with
        photos; concurrent ones share the file system's journal commits.

        ``threads=False`` (``photo add``, which reports each file's own failure): each photo is written
        and fsynced in ``put`` itself, which raises when it cannot be written; only the folders wait
        for the end of the block."""
        if self._batch is not None:  # nested: the outer batch finishes the writes
            yield
            return
        self._batch = _Batch(_Batch.WRITERS if threads else 0)
        try:
            yield
        finally:
            batch, self._batch = self._batch, None
            batch.finish()

    def write_file(self, target: Path, data: bytes) -> None:
        """A small file of the store's own beside the photos (a thumbnail pointer), complete or absent
        like a blob: synced at once, its folder at the end of the batch when one is open."""
        if self._batch is None:
            write_atomic(target, data)
        else:
            self._batch.write_now(self.root, target, data)

    def _write(self, target: Path, sha256: str, data: bytes) -> None:
        sealed = data if self._key is None else seal(self._key, sha256, data)
        if self._batch is None:
            write_atomic(target, sealed)
        else:
            self._batch.write(self.root, target, sealed)

    def sweep_partials(self) -> int:
        """Remove temporary photo files a killed import or photo write left behind; returns how many.

        A file whose writing process still runs is kept (another process may be importing now)."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for leftover in self.root.glob("??/.*.partial"):
            writer = partial_writer(leftover)
            if writer is None or not _BLOB_NAME.match(writer[0]) or not left_behind(leftover):
                continue
            wipe_file(leftover)  # may hold a photo's bytes: overwritten, not just unlinked
            removed += 1
        return removed


class _Batch:
    """The photo writes of one ``BlobStore.batch``: by ``writers`` threads, or (0) in the caller's."""

    WRITERS = 4

    def __init__(self, writers: int = WRITERS) -> None:
        self._writers = writers
        self._pool = ThreadPoolExecutor(writers, thread_name_prefix="zhucun-photo") if writers else None
        self._pending: dict[Path, Future[None]] = {}
        self._folders: set[Path] = set()
        self._queued: deque[Future[None]] = deque()

    def holds(self, target: Path) -> bool:
        return target in self._pending

    def write(self, root: Path, target: Path, data: bytes) -> None:
        if self._pool is None:
            self.write_now(root, target, data)
            return
        self.make_folder(root, target.parent)
        # at most a few photos in memory: when the queue is long, wait for its oldest write only (the
        # others go on while the caller prepares the next photo)
        while len(self._queued) >= 4 * self._writers:
            self._queued.popleft().result()
        future = self._pool.submit(write_atomic, target, data, sync_folder=False)
        self._pending[target] = future
        self._queued.append(future)

    def write_now(self, root: Path, target: Path, data: bytes) -> None:
        """Written and fsynced here (raises here); the folder is synced at the end of the batch."""
        self.make_folder(root, target.parent)
        write_atomic(target, data, sync_folder=False)

    def make_folder(self, root: Path, folder: Path) -> None:
        """``folder`` exists; it is synced at the end, and so is the parent of each folder made here
        (where the new folder's entry lives)."""
        missing = []
        current = folder
        while current != root and current.parent != current and not current.is_dir():
            missing.append(current)
            current = current.parent
        if missing:
            folder.mkdir(parents=True, exist_ok=True)
        self._folders.update(made.parent for made in missing)
        self._folders.add(folder)

    def finish(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        try:
            for future in self._pending.values():
                future.result()  # the first failed write raises
        finally:
            self._sync_folders()

    def _sync_folders(self) -> None:
        """Each folder synced, all at once: concurrent fsyncs share the file system's journal commits
        (256 photo folders one after another took about a second; together a few hundredths)."""
        folders = sorted(self._folders)
        if len(folders) < 2:
            for folder in folders:
                fsync_dir(folder)
            return
        with ThreadPoolExecutor(min(16, len(folders)), thread_name_prefix="zhucun-folder") as pool:
            for done in [pool.submit(fsync_dir, folder) for folder in folders]:
                done.result()  # the first failed sync raises
