"""Property: villages and a township that edit on their own and exchange bundles over an unreliable
USB stick (bundles lost, imported twice, imported out of order) agree after one final full exchange.

Two villages (513301 with two devices, 513302 with one) and one township; every village device trusts
only the township, and the two devices of 513301 learn each other through the township's certificates
relayed in bundles. After random steps and a final exchange (every village device to the township, then
the township to every village device, twice), every village device's dump of its village equals the
township's, no operation or record anyone wrote is missing, and every photo's bytes are on every device
that holds the photo record.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import select

from desktop.media.blob_store import BlobStore
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.households import add_household, archive_household, edit_household
from desktop.store.models import Conflict, Household, Operation, Photo, Village
from desktop.store.scope import record_ids_in_village
from desktop.store.writer import ChangeWriter
from desktop.sync.vector import gaps

from .devices import Device, join, township_device, village_device

VILLAGE_1, VILLAGE_2 = "513301", "513302"
V1A, V1B, V2, TOWNSHIP = 0, 1, 2, 3
VILLAGE_DEVICES = (V1A, V1B, V2)
CODE_OF = {V1A: VILLAGE_1, V1B: VILLAGE_1, V2: VILLAGE_2}
NAMES = ("v1a", "v1b", "v2", "township")
# pairs that can edit the same household: the two devices of 513301, and each village with the township
PAIRS = ((V1A, V1B), (V1A, TOWNSHIP), (V1B, TOWNSHIP), (V2, TOWNSHIP))
FIELDS = {
    "phone": ["13800000001", "13900000002", "15100000003"],
    "group_name": ["一组", "二组", "三组"],
    "note": ["低保复核", "危房改造", "外出务工", ""],
    "water_lpd": [40, 60, 100],
}
HEADS = ("次仁", "卓嘎", "扎西", "拉姆", "格桑")

pytestmark = pytest.mark.slow  # 15 examples of four real data folders each: about half a minute


# --- steps (their reprs are the falsifying example hypothesis prints) ---------------------------------


@dataclass(frozen=True)
class Add:
    device: int  # a village device


@dataclass(frozen=True)
class Edit:
    device: int
    pick: int  # which of the households the device holds (modulo their number)
    field: str
    value: object


@dataclass(frozen=True)
class Concurrent:
    pair: tuple[int, int]
    pick: int
    field: str
    values: tuple[object, object]


@dataclass(frozen=True)
class Archive:
    device: int
    pick: int


@dataclass(frozen=True)
class AddPhoto:
    device: int
    pick: int
    shade: int  # the JPEG's colour: equal shades give equal bytes (one blob, two records)


@dataclass(frozen=True)
class Send:
    device: int  # a village device
    to_township: bool  # else the township sends to the device


@dataclass(frozen=True)
class Deliver:
    pick: int  # which undelivered bundle (modulo their number): out of order
    how: str  # once / twice / lost


Step = Add | Edit | Concurrent | Archive | AddPhoto | Send | Deliver

village_device_index = st.sampled_from(VILLAGE_DEVICES)
any_device_index = st.sampled_from((*VILLAGE_DEVICES, TOWNSHIP))
picks = st.integers(0, 50)


@st.composite
def edits(draw: st.DrawFn) -> Edit:
    name = draw(st.sampled_from(sorted(FIELDS)))
    return Edit(draw(any_device_index), draw(picks), name, draw(st.sampled_from(FIELDS[name])))


@st.composite
def concurrent_edits(draw: st.DrawFn) -> Concurrent:
    name = draw(st.sampled_from(sorted(FIELDS)))
    first, second = draw(st.lists(st.sampled_from(FIELDS[name]), min_size=2, max_size=2, unique=True))
    return Concurrent(draw(st.sampled_from(PAIRS)), draw(picks), name, (first, second))


def weighted(*choices: tuple[int, Callable[[], st.SearchStrategy[Step]]]) -> st.SearchStrategy[Step]:
    """A step of a kind chosen with these weights (``one_of`` favours its first strategies)."""
    kinds = [make() for weight, make in choices for _ in range(weight)]
    return st.sampled_from(kinds).flatmap(lambda kind: kind)


# exchanges are frequent, as on a real USB stick
steps = weighted(  # the first kinds come up a little more often than their weights say
    (3, lambda: st.builds(Send, village_device_index, st.booleans())),
    (4, lambda: st.builds(Deliver, picks, st.sampled_from(["once", "once", "twice", "lost"]))),
    (2, concurrent_edits),
    (2, lambda: st.builds(AddPhoto, any_device_index, picks, st.integers(0, 7))),
    (2, edits),
    (1, lambda: st.builds(Archive, any_device_index, picks)),
    (1, lambda: st.builds(Add, village_device_index)),
)


# --- the world -----------------------------------------------------------------------------------------


@dataclass
class Pending:
    path: Path
    receiver: int
    label: str


@dataclass
class World:
    devices: list[Device]
    pending: list[Pending] = field(default_factory=list)
    households: set[str] = field(default_factory=set)  # ids of every household any device added
    photos: dict[str, str] = field(default_factory=dict)  # photo record id -> sha256
    added: int = 0

    def village_id(self, index: int) -> str | None:
        return self.devices[index].ledger.current_village_id()

    def known_households(self, index: int) -> list[str]:
        """Households the device holds (a village device: of its village), in a stable order."""
        village_id = self.village_id(index)
        query = select(Household.id).where(Household.number.is_not(None)).order_by(Household.id)
        if village_id is not None:
            query = query.where(Household.village_id == village_id)
        with self.devices[index].ledger.store.read_session() as session:
            return list(session.execute(query).scalars())

    def pick(self, index: int, pick: int) -> str | None:
        known = self.known_households(index)
        return known[pick % len(known)] if known else None

    def run(self, step: Step) -> None:
        match step:
            case Add(device):
                self.added += 1
                row = add_household(
                    self.devices[device].ledger,
                    number=f"{NAMES[device]}-{self.added:03d}",
                    head={"name": HEADS[self.added % len(HEADS)]},
                )
                self.households.add(row.id)
            case Edit(device, pick, name, value):
                household = self.pick(device, pick)
                if household is not None:
                    edit_household(self.devices[device].ledger, household, {name: value})
            case Concurrent((first, second), pick, name, (value_1, value_2)):
                # a household both hold, edited by each before either hears of the other's edit
                shared = sorted(set(self.known_households(first)) & set(self.known_households(second)))
                if shared:
                    household = shared[pick % len(shared)]
                    edit_household(self.devices[first].ledger, household, {name: value_1})
                    edit_household(self.devices[second].ledger, household, {name: value_2})
            case Archive(device, pick):
                household = self.pick(device, pick)
                if household is not None:
                    archive_household(self.devices[device].ledger, household, "迁出本村")
            case AddPhoto(device, pick, shade):
                household = self.pick(device, pick)
                if household is not None:
                    self.add_photo(device, household, shade)
            case Send(device, to_township):
                sender, receiver = (device, TOWNSHIP) if to_township else (TOWNSHIP, device)
                path = self.devices[sender].send(self.devices[receiver])
                self.pending.append(Pending(path, receiver, f"{NAMES[sender]}→{NAMES[receiver]}"))
            case Deliver(pick, how):
                if self.pending:
                    bundle = self.pending.pop(pick % len(self.pending))
                    if how != "lost":
                        self.deliver(bundle, twice=how == "twice")

    def add_photo(self, device: int, household: str, shade: int) -> None:
        data = small_jpeg(shade)
        owner = self.devices[device]
        sha = BlobStore.of_home(owner.home).put(data)
        with owner.ledger.store.session() as session:
            photo = ChangeWriter(session).create(
                Photo,
                {
                    "sha256": sha,
                    "household_id": household,
                    "caption": f"入户照片 {shade}",
                    "mime": "image/jpeg",
                    "width": 16,
                    "height": 16,
                },
            )
        self.photos[photo] = sha

    def deliver(self, bundle: Pending, *, twice: bool = False) -> None:
        receiver = self.devices[bundle.receiver]
        first = receiver.receive(bundle.path)
        assert first.outcome in (Outcome.APPLIED, Outcome.ALREADY_HAD), (
            f"{bundle.label} {bundle.path.name}: {first.outcome} {first.message}"
        )
        if twice:
            again = receiver.receive(bundle.path)
            assert again.outcome == Outcome.ALREADY_HAD, (
                f"{bundle.label} {bundle.path.name} imported twice: {again.outcome} {again.message}"
            )

    def exchange_all(self, *, rounds: int) -> None:
        """Every village device to the township, then the township to every village device."""
        township = self.devices[TOWNSHIP]
        for _round in range(rounds):
            for index in VILLAGE_DEVICES:
                path = self.devices[index].send(township)
                self.deliver(Pending(path, TOWNSHIP, f"exchange {NAMES[index]}→township"))
            for index in VILLAGE_DEVICES:
                path = township.send(self.devices[index])
                self.deliver(Pending(path, index, f"exchange township→{NAMES[index]}"))


def small_jpeg(shade: int) -> bytes:
    image = Image.new("RGB", (16, 16), (32 * shade % 256, 255 - 32 * shade % 256, 90))
    image.putpixel((shade, shade), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def build_world(root: Path) -> World:
    devices = [
        village_device(root, NAMES[V1A], code=VILLAGE_1, village="亚弄村", user="扎西"),
        village_device(root, NAMES[V1B], code=VILLAGE_1, village="亚弄村", user="卓玛"),
        village_device(root, NAMES[V2], code=VILLAGE_2, village="孔玉村", user="多吉"),
        township_device(root),
    ]
    for index in VILLAGE_DEVICES:
        join(devices[index], devices[TOWNSHIP])
    world = World(devices)
    # a starting point every device knows: two households per village device, exchanged once
    for index in VILLAGE_DEVICES:
        world.run(Add(index))
        world.run(Add(index))
    world.exchange_all(rounds=1)
    return world


# --- what must hold ----------------------------------------------------------------------------------


def open_conflicts(device: Device, village_code: str) -> set[tuple[object, ...]]:
    """The device's open conflicts on the records of one village: the id names the table, record, field
    and losing operation; the rest says which value won and which lost."""
    with device.ledger.store.read_session() as session:
        village_id = session.execute(select(Village.id).where(Village.code == village_code)).scalar_one()
        records = record_ids_in_village(session, village_id)
        return {
            (c.id, c.record_id, c.field_name, c.winner_origin, c.winner_seq, c.winner_value, c.loser_seq)
            for c in session.execute(select(Conflict)).scalars()
            if c.record_id in records
        }


def operations(device: Device) -> set[tuple[str, int]]:
    with device.ledger.store.read_session() as session:
        return {(origin, seq) for origin, seq in session.execute(select(Operation.origin, Operation.seq))}


def check_converged(world: World) -> None:
    township = world.devices[TOWNSHIP]
    for index in VILLAGE_DEVICES:
        device = world.devices[index]
        assert device.dump(CODE_OF[index]) == township.dump(CODE_OF[index]), (
            f"{NAMES[index]} and the township differ on village {CODE_OF[index]}"
        )
        # the same operations give the same open conflicts, with the same ids, on every device
        assert open_conflicts(device, CODE_OF[index]) == open_conflicts(township, CODE_OF[index]), (
            f"{NAMES[index]} and the township list different open conflicts"
        )

    # nothing lost: the township holds every operation any device wrote, and no device has a gap
    held = operations(township)
    for index in VILLAGE_DEVICES:
        device = world.devices[index]
        own = {(origin, seq) for origin, seq in operations(device) if origin == device.device_id}
        assert own <= held, f"the township lacks {len(own - held)} operations of {NAMES[index]}"
    for index, device in enumerate(world.devices):
        with device.ledger.store.read_session() as session:
            assert gaps(session) == {}, f"{NAMES[index]} has gaps in a chain"

    # every record anyone created is there, on the township and on every device of its village
    with township.ledger.store.read_session() as session:
        village_of = {h: v for h, v in session.execute(select(Household.id, Household.village_id))}
        photo_household = {p: h for p, h in session.execute(select(Photo.id, Photo.household_id))}
        codes = {v: c for v, c in session.execute(select(Village.id, Village.code))}
    assert world.households <= set(village_of), "a household someone added is missing on the township"
    assert set(world.photos) <= set(photo_household), "a photo record is missing on the township"
    for index in VILLAGE_DEVICES:
        mine = {h for h in world.households if codes[village_of[h]] == CODE_OF[index]}
        assert mine <= set(world.known_households(index)), f"{NAMES[index]} lacks a household of its village"

    # every photo's bytes are on every device that holds its record
    for index, device in enumerate(world.devices):
        blobs = BlobStore.of_home(device.home)
        with device.ledger.store.read_session() as session:
            shas = session.execute(
                select(Photo.sha256).where(Photo.id.in_(select(Operation.record_id)))
            ).scalars()
            missing = [sha[:12] for sha in shas if sha is not None and not blobs.has(sha)]
        assert not missing, f"{NAMES[index]} holds photo records without their bytes: {missing}"
        if index != TOWNSHIP:
            expected = {
                photo
                for photo, household in photo_household.items()
                if photo in world.photos and codes[village_of[household]] == CODE_OF[index]
            }
            with device.ledger.store.read_session() as session:
                have = set(session.execute(select(Photo.id)).scalars())
            assert expected <= have, f"{NAMES[index]} lacks photo records of its village"


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(script=st.lists(steps, min_size=10, max_size=40))
def test_devices_converge_after_a_final_exchange(script: list[Step]) -> None:
    with tempfile.TemporaryDirectory(prefix="zhucun-converge-") as folder:
        world = build_world(Path(folder))
        try:
            for number, step in enumerate(script):
                try:
                    world.run(step)
                except Exception as exc:
                    exc.add_note(f"at step {number}: {step!r}")
                    raise
            world.exchange_all(rounds=2)
            check_converged(world)
        finally:
            for device in world.devices:
                device.close()
