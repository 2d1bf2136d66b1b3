"""Photos as evidence: add a batch of files to a household (and a visit, a checklist dimension or a
monitoring record), list them, edit caption and time taken, archive a wrong one. A 驻村工作日志 entry's
photos (``work_log_id``, issue 18) are read in first with ``read_photos`` and recorded by the diary
service in the entry's own transaction.

Each file of a batch is handled on its own: a bad file (not an image, truncated, a decompression bomb,
empty, missing) gets a ``PhotoResult`` with a Chinese message naming it, nothing is stored for it, and
the other files go on. Each stored photo is its own transaction, so a photo added stays added.

The same image added again to the same household with the same attachments is not recorded twice
(``DUPLICATE``); attached elsewhere (another visit, another dimension) it is a second record pointing
at the same blob.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import Dimension
from desktop.domain.errors import InvalidInput, NotFound
from desktop.media.bad_photo import BadPhoto
from desktop.media.blob_store import BlobStore
from desktop.media.ingest import IngestedPhoto, IngestOptions, ingest_file
from desktop.media.orphans import mark_swept, sweep_due, sweep_orphans
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.store.atomic_file import write_atomic
from desktop.store.base import Synced
from desktop.store.ids import is_uuid
from desktop.store.models import Monitoring, Photo, Visit
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

# passed on from a lower layer on purpose (tests/test_layers.py): how photos are read in, chosen by the caller
PASSED_ON = ("IngestOptions",)

_T = TypeVar("_T", bound=Synced)
_ID_TAIL = re.compile(r"^[0-9a-fA-F-]{8,36}$")


class PhotoStatus(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # already attached the same way: nothing new written
    FAILED = "failed"


@dataclass(frozen=True)
class PhotoResult:
    """What happened to one file of a batch; ``message`` (Chinese) names the file."""

    file: Path
    status: PhotoStatus
    message: str
    photo_id: str | None = None
    sha256: str | None = None
    width: int | None = None
    height: int | None = None
    taken_at: dt.datetime | None = None
    has_place: bool = False

    @property
    def ok(self) -> bool:
        return self.status != PhotoStatus.FAILED


@dataclass(frozen=True)
class PhotoRow:
    id: str
    sha256: str
    household_id: str
    visit_id: str | None
    dimension: str | None
    monitoring_id: str | None
    caption: str | None
    taken_at: dt.datetime | None
    gps_lat: Decimal | None
    gps_lon: Decimal | None
    width: int | None
    height: int | None
    mime: str | None
    archived: bool
    available: bool  # the image file is on this device (a bundle may bring the record before the file)
    work_log_id: str | None = None  # a 驻村工作日志 entry's photo


@dataclass(frozen=True)
class _Target:
    household_id: str
    household_number: str
    visit_id: str | None
    dimension: str | None
    monitoring_id: str | None


PHOTO_ESTIMATE_CAP = 4 * 1024 * 1024


@dataclass(frozen=True)
class ReadyPhoto:
    """A file read in and its image stored as a blob, not yet recorded: ``fields`` are the ``photo``
    record's (a blob nobody records is swept as an orphan later)."""

    file: Path
    sha256: str
    fields: dict[str, Any]


def read_photos(
    ledger: Ledger,
    files: Iterable[Path | str],
    options: IngestOptions | None = None,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> list[ReadyPhoto]:
    """Read every file before anything is recorded: the first bad file raises its one Chinese line
    (``InvalidInput`` naming it), so the caller writes nothing. ``progress(done, total)`` (a GUI
    worker's) returning False stops with a line saying nothing was saved."""
    paths = [Path(f) for f in files]
    if not paths:
        return []
    options = options or IngestOptions()
    blobs = BlobStore.of_home(ledger.store.location.home)
    ledger.store.require_free(sum(2 * _size_estimate(p) for p in paths), f"无法保存 {len(paths)} 张照片")
    ready: list[ReadyPhoto] = []
    for path in paths:
        if progress is not None and progress(len(ready), len(paths)) is False:
            raise InvalidInput("已取消读取照片，日志和照片都没有保存")
        photo = ingest_file(path, blobs, options).photo
        meta = photo.meta
        fields = {
            "sha256": photo.sha256,
            "taken_at": meta.taken_at,
            "gps_lat": meta.gps_lat,
            "gps_lon": meta.gps_lon,
            "width": photo.width,
            "height": photo.height,
            "mime": photo.mime,
        }
        ready.append(ReadyPhoto(path, photo.sha256, fields))
    return ready


def photos_of_entry(ledger: Ledger, work_log_id: str) -> list[PhotoRow]:
    """A diary entry's photos, oldest taken first."""
    blobs = BlobStore.of_home(ledger.store.location.home)
    with ledger.store.read_session() as session:
        query = select(Photo).where(Photo.work_log_id == work_log_id, Photo.sha256.is_not(None), live(Photo))
        rows = [_row(photo, blobs) for photo in session.execute(query).scalars()]
    return sorted(rows, key=lambda r: (r.taken_at is None, r.taken_at or dt.datetime.min, r.id))


def add_photos(
    ledger: Ledger,
    household_ref: str,
    files: Iterable[Path | str],
    visit: str | None = None,
    dimension: str | None = None,
    monitoring: str | None = None,
    caption: str | None = None,
    *,
    options: IngestOptions | None = None,
    progress: Callable[[int, int, PhotoResult], bool | None] | None = None,
) -> list[PhotoResult]:
    """Store each file as a photo of the household; one result per file, in the order given.

    A household, visit, monitoring record or dimension that does not exist raises (nothing is stored);
    a bad file only fails its own result. ``progress(done, total, result)`` is called after each file
    (for a GUI worker's progress bar); when it returns ``False`` the batch stops there, the photos
    already added stay, and the results list only the files handled."""
    paths = [Path(f) for f in files]
    if not paths:
        raise InvalidInput("请指定要添加的照片文件")
    options = options or IngestOptions()
    caption = (caption or "").strip() or None
    with ledger.store.read_session() as session:
        target = _target(session, ledger, household_ref, visit, dimension, monitoring)
    blobs = BlobStore.of_home(ledger.store.location.home)
    # before any file is stored: room for every stored image and thumbnail (each no bigger than its
    # file, capped: a 40 MB phone original is stored at 2048 px) and the records
    ledger.store.require_free(sum(2 * _size_estimate(p) for p in paths), f"无法保存 {len(paths)} 张照片")
    results: list[PhotoResult] = []
    start = 0
    while start < len(paths):
        group = _stored_group(paths, start, blobs, options)
        start += len(group)
        for path, ingested in group:
            if isinstance(ingested, BadPhoto):
                results.append(PhotoResult(path, PhotoStatus.FAILED, ingested.message))
            else:
                results.append(_record(ledger, target, path, ingested, caption))
            if progress is not None and progress(len(results), len(paths), results[-1]) is False:
                return results  # the group's photos not recorded are swept later as orphans
    return results


GROUP_PHOTOS = 8  # files stored before their folders are synced and their records written …
GROUP_SECONDS = 1.0  # … or fewer, when these took this long (the progress bar moves per group)


def _stored_group(
    paths: list[Path], start: int, blobs: BlobStore, options: IngestOptions
) -> list[tuple[Path, IngestedPhoto | BadPhoto]]:
    """Store the next few files' photos and thumbnails: each file fsynced as it is written, the
    folders once for the group, before any of their records is committed (one photo after another,
    syncing two or three folders per photo was much of adding it)."""
    group: list[tuple[Path, IngestedPhoto | BadPhoto]] = []
    began = time.monotonic()
    try:
        with blobs.batch(threads=False):
            for path in paths[start : start + GROUP_PHOTOS]:
                try:
                    group.append((path, ingest_file(path, blobs, options)))
                except BadPhoto as exc:
                    group.append((path, exc))
                if time.monotonic() - began >= GROUP_SECONDS:
                    break
    except OSError as exc:  # a folder could not be synced: none of the group's photos is recorded
        reason = f"保存照片时写入失败（{exc.strerror or exc}），请检查磁盘空间"
        return [
            (path, BadPhoto(str(path), reason) if isinstance(done, IngestedPhoto) else done)
            for path, done in group
        ]
    return group


def _size_estimate(path: Path) -> int:
    try:
        return min(path.stat().st_size, PHOTO_ESTIMATE_CAP) if path.is_file() else 0
    except OSError:
        return 0  # the file's own problem is reported with it


def photos_of(
    ledger: Ledger,
    household_ref: str,
    *,
    dimension: str | None = None,
    visit: str | None = None,
    include_archived: bool = False,
) -> list[PhotoRow]:
    """A household's photos, oldest taken first (unknown times last, in the order they were added)."""
    blobs = BlobStore.of_home(ledger.store.location.home)
    with ledger.store.read_session() as session:
        household = resolve_household(session, household_ref, ledger.current_village_id())
        query = select(Photo).where(Photo.household_id == household.id, Photo.sha256.is_not(None))
        if dimension is not None:
            query = query.where(Photo.dimension == parse_dimension(dimension))
        if visit is not None:
            query = query.where(Photo.visit_id == _resolve(session, Visit, visit, "走访").id)
        if not include_archived:
            query = query.where(live(Photo))
        photos = session.execute(query).scalars().all()
        rows = [_row(photo, blobs) for photo in photos]
    return sorted(rows, key=lambda r: (r.taken_at is None, r.taken_at or dt.datetime.min, r.id))


def edit_photo(
    ledger: Ledger,
    photo_id: str,
    *,
    caption: str | None = None,
    taken_at: dt.datetime | dt.date | None = None,
) -> dict[str, Any]:
    """Change the caption (``""`` clears it) and/or the time taken (``None``: leave as is).

    Returns the fields that really changed; nothing is written when none did."""
    changes: dict[str, Any] = {}
    if caption is not None:
        changes["caption"] = caption.strip() or None
    if taken_at is not None:
        if not isinstance(taken_at, dt.datetime):
            taken_at = dt.datetime.combine(taken_at, dt.time())
        if taken_at.date() > ledger.today():
            raise InvalidInput(f"拍摄时间 {taken_at:%Y-%m-%d %H:%M} 在今天之后")
        changes["taken_at"] = taken_at.replace(microsecond=0, tzinfo=None)
    if not changes:
        raise InvalidInput("请指定要修改的内容：照片说明或拍摄时间")
    with ledger.store.session() as session:
        photo = _resolve(session, Photo, photo_id, "照片")
        return ChangeWriter(session).update(Photo, photo.id, changes)


def archive_photo(ledger: Ledger, photo_id: str, reason: str) -> None:
    """Take a photo out of the household's list (e.g. added to the wrong household). Nothing is deleted."""
    if not reason.strip():
        raise InvalidInput("删除（注销）照片需要写明原因")
    with ledger.store.session() as session:
        photo = _resolve(session, Photo, photo_id, "照片")
        ChangeWriter(session).update(Photo, photo.id, {"archived": True, "archive_reason": reason.strip()})


def sweep_orphan_photos(ledger: Ledger, blobs: BlobStore | None = None) -> int:
    """Remove photo blobs no photo record names (older than an hour, see ``media/orphans.py``): what a
    killed ``photo add`` leaves behind. Returns how many were removed."""
    blobs = blobs or BlobStore.of_home(ledger.store.location.home)
    if not sweep_due(blobs):  # swept within the hour: no walk of every photo on every command
        return 0
    with ledger.store.read_session() as session:
        referenced = {sha for sha in session.execute(select(Photo.sha256)).scalars() if sha}
    removed = sweep_orphans(blobs, referenced)
    mark_swept(blobs)
    return removed


def photo_path(ledger: Ledger, photo_sha: str) -> Path | None:
    """The stored image's file, or ``None`` when this device does not have it (yet)."""
    blobs = BlobStore.of_home(ledger.store.location.home)
    return blobs.path(photo_sha) if blobs.has(photo_sha) else None


def thumbnail_path(ledger: Ledger, photo_sha: str) -> Path | None:
    """The 320 px thumbnail's file, made now when missing; ``None`` when the image is not here."""
    blobs = BlobStore.of_home(ledger.store.location.home)
    from desktop.media.thumbnails import thumbnail_sha  # Pillow, when a thumbnail is made

    found = thumbnail_sha(blobs, photo_sha)
    return blobs.path(found) if found else None


def photo_bytes(ledger: Ledger, photo_sha: str, *, thumbnail: bool = False) -> bytes | None:
    """The stored image (or its 320 px thumbnail, made now when missing) as image bytes, decrypted in
    an encrypted data folder, where the files themselves are ciphertext: the GUI shows photos from these
    bytes, never from a path. ``None`` when this device does not have the image (yet)."""
    blobs = BlobStore.of_home(ledger.store.location.home)
    from desktop.media.thumbnails import thumbnail_sha  # Pillow, when a thumbnail is made

    found = thumbnail_sha(blobs, photo_sha) if thumbnail else photo_sha if blobs.has(photo_sha) else None
    return blobs.read(found) if found else None


def save_photo_copy(ledger: Ledger, photo_sha: str, target: Path) -> Path:
    """Write a readable copy of the stored image to ``target`` (a file the user chose: 另存为…), e.g. to
    send it on; never into the data folder, whose photos stay as they are stored (encrypted there)."""
    home = ledger.store.location.home.resolve()
    target = Path(target)
    if not target.suffix:
        target = target.with_suffix(".jpg")
    if target.resolve().is_relative_to(home):
        raise InvalidInput(f"不能把照片另存到台账的数据文件夹（{home}）里：请选择别的文件夹，未做任何改动")
    data = photo_bytes(ledger, photo_sha)
    if data is None:
        raise NotFound("这张照片的文件尚未同步到本机，无法另存")
    write_atomic(target, data)
    return target


def parse_dimension(text: str) -> str:
    """``住房安全`` (or ``HOUSING`` / ``housing``) -> the stored value ``住房安全``."""
    cleaned = text.strip()
    for dimension in Dimension:
        if cleaned in (dimension.value, dimension.name) or cleaned.upper() == dimension.name:
            return dimension.value
    raise InvalidInput(f"核查项不能是“{text}”，可选：{'、'.join(d.value for d in Dimension)}")


# --- helpers ----------------------------------------------------------------------------------------


def _target(
    session: Session,
    ledger: Ledger,
    household_ref: str,
    visit: str | None,
    dimension: str | None,
    monitoring: str | None,
) -> _Target:
    household = resolve_household(session, household_ref, ledger.current_village_id())
    number = household.number or household.id
    visit_id = monitoring_id = None
    if visit is not None:
        found = _resolve(session, Visit, visit, "走访")
        if found.household_id != household.id:
            raise InvalidInput(f"走访 {found.id} 不是户 {number} 的走访")
        visit_id = found.id
    if monitoring is not None:
        record = _resolve(session, Monitoring, monitoring, "监测记录")
        if record.household_id != household.id:
            raise InvalidInput(f"监测记录 {record.id} 不是户 {number} 的")
        monitoring_id = record.id
    return _Target(
        household.id,
        number,
        visit_id,
        parse_dimension(dimension) if dimension is not None else None,
        monitoring_id,
    )


def _record(
    ledger: Ledger, target: _Target, path: Path, ingested: IngestedPhoto, caption: str | None
) -> PhotoResult:
    photo = ingested.photo
    meta = photo.meta
    with ledger.store.session() as session:
        same = session.execute(
            select(Photo.id).where(
                Photo.sha256 == photo.sha256,
                Photo.household_id == target.household_id,
                Photo.visit_id == target.visit_id,
                Photo.dimension == target.dimension,
                Photo.monitoring_id == target.monitoring_id,
                live(Photo),
            )
        ).first()
        if same is not None:
            return PhotoResult(
                path,
                PhotoStatus.DUPLICATE,
                f"{path}：这张照片已在户 {target.household_number} 的照片里（照片 {same.id}），未重复添加",
                photo_id=same.id,
                sha256=photo.sha256,
                width=photo.width,
                height=photo.height,
                taken_at=meta.taken_at,
                has_place=meta.gps_lat is not None,
            )
        photo_id = ChangeWriter(session).create(
            Photo,
            {
                "sha256": photo.sha256,
                "household_id": target.household_id,
                "visit_id": target.visit_id,
                "dimension": target.dimension,
                "monitoring_id": target.monitoring_id,
                "caption": caption,
                "taken_at": meta.taken_at,
                "gps_lat": meta.gps_lat,
                "gps_lon": meta.gps_lon,
                "width": photo.width,
                "height": photo.height,
                "mime": photo.mime,
            },
        )
    details = [f"{photo.width}×{photo.height}"]
    if meta.taken_at is not None:
        details.append(f"拍摄于 {meta.taken_at:%Y-%m-%d %H:%M}")
    if meta.gps_lat is not None:
        details.append("含拍摄位置")
    details += [f"注意：{note}" for note in photo.notes]
    return PhotoResult(
        path,
        PhotoStatus.STORED,
        f"{path}：已添加到户 {target.household_number}（照片 {photo_id}，{'，'.join(details)}）",
        photo_id=photo_id,
        sha256=photo.sha256,
        width=photo.width,
        height=photo.height,
        taken_at=meta.taken_at,
        has_place=meta.gps_lat is not None,
    )


def _resolve(session: Session, model: type[_T], ref: str, what: str) -> _T:
    """A record by its full UUID, or by the unambiguous end of it (at least 8 characters)."""
    ref = ref.strip().lower()
    if is_uuid(ref):
        found = session.get(model, ref)
        if found is None:
            raise NotFound(f"没有找到编号为 {ref} 的{what}")
        return found
    if not _ID_TAIL.match(ref):
        raise NotFound(f"没有找到编号为 {ref} 的{what}")
    column = model.id
    matches = session.execute(select(model).where(column.like(f"%{ref}")).limit(2)).scalars().all()
    if not matches:
        raise NotFound(f"没有找到编号为 {ref} 的{what}")
    if len(matches) > 1:
        raise InvalidInput(f"编号以 {ref} 结尾的{what}不止一个，请写完整的编号")
    return matches[0]


def _row(photo: Photo, blobs: BlobStore) -> PhotoRow:
    sha = photo.sha256 or ""
    return PhotoRow(
        id=photo.id,
        sha256=sha,
        household_id=photo.household_id or "",
        visit_id=photo.visit_id,
        dimension=photo.dimension,
        monitoring_id=photo.monitoring_id,
        caption=photo.caption,
        taken_at=photo.taken_at,
        gps_lat=photo.gps_lat,
        gps_lon=photo.gps_lon,
        width=photo.width,
        height=photo.height,
        mime=photo.mime,
        archived=bool(photo.archived),
        available=bool(sha) and blobs.has(sha),
        work_log_id=photo.work_log_id,
    )
