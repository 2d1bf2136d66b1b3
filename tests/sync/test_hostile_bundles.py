"""Every byte of a bundle counts, and every field is typed: a real small bundle with any one byte
flipped, cut short anywhere, with bytes appended, or signed again by its sender with a manifest or
control field of the wrong type, is refused (exit code 12) with one Chinese line and changes nothing.
Never an internal error (exit 70)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from records import make_id_number

from desktop.services.exchange.bundles import Outcome
from desktop.services.exchange.identity import my_identity
from desktop.services.households.households import add_household
from desktop.sync.keys import DeviceKeys, load_keys

from . import hostile
from .devices import join, township_device, village_device
from .test_bundle_faults import add_photo

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Scene:
    def __init__(self, root: Path) -> None:
        self.village, self.township = village_device(root, "v1"), township_device(root)
        join(self.village, self.township)
        add_household(
            self.village.ledger,
            number="001",
            head={"name": "卓嘎", "id_number": make_id_number(dt.date(1970, 1, 1), 1)},
        )
        add_photo(self.village, (16, 12))
        self.bundle = self.village.send(self.township)
        self.data = self.bundle.read_bytes()
        self.sender: DeviceKeys = load_keys(self.village.home)
        self.recipient: DeviceKeys = load_keys(self.township.home)
        self.manifest, self.members = hostile.read_manifest_and_members(self.bundle, self.recipient)
        self.control = json.loads(next(plain for m, plain in self.members if m.name == "control.bin"))
        self.recipient_box = my_identity(self.township.ledger).box_key
        self.before = self.township.dump()
        self.trial = root / "trial.zcb"

    def refused(self, data: bytes) -> str:
        """Import ``data``; it must be refused with one Chinese line. Returns the line."""
        self.trial.write_bytes(data)
        report = self.township.receive(self.trial)  # an exception here is what the CLI calls exit 70
        assert report.outcome == Outcome.REJECTED, report.message
        assert "\n" not in report.message and any("\u4e00" <= c <= "\u9fff" for c in report.message)
        return report.message


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    made = Scene(tmp_path_factory.mktemp("hostile"))
    yield made
    made.village.close()
    made.township.close()


@pytest.mark.slow  # ~4,000 imports (each refusal is journalled: one fsynced commit), ~40 s
def test_every_single_byte_flipped_is_refused(scene: Scene) -> None:
    data = scene.data
    for position in range(len(data)):
        scene.refused(data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :])
    assert scene.township.dump() == scene.before


def test_cut_anywhere_or_with_bytes_appended_is_refused(scene: Scene) -> None:
    data = scene.data
    messages = set()
    for length in [*range(0, len(data), 37), len(data) - 128, len(data) - 1]:
        messages.add(scene.refused(data[:length]))
    for extra in (b"\0", b"\n", b"x" * 1000, b"PK\x05\x06" + b"\0" * 18, data[-155:], data):
        messages.add(scene.refused(data + extra))
    assert scene.township.dump() == scene.before
    assert any("不完整" in m for m in messages)


@FUZZ
@given(position=st.integers(min_value=0), xor=st.integers(min_value=1, max_value=255))
def test_any_changed_byte_is_refused(scene: Scene, position: int, xor: int) -> None:
    data = scene.data
    position %= len(data)
    scene.refused(data[:position] + bytes([data[position] ^ xor]) + data[position + 1 :])
    assert scene.township.dump() == scene.before


MANIFEST_CASES = st.sampled_from(sorted(hostile.MANIFEST_FIELDS)).flatmap(
    lambda path: st.tuples(
        st.just(path), st.sampled_from(hostile.wrong_values(hostile.MANIFEST_FIELDS[path]))
    )
)
CONTROL_CASES = st.sampled_from(sorted(hostile.CONTROL_FIELDS)).flatmap(
    lambda path: st.tuples(st.just(path), st.sampled_from(hostile.wrong_values(hostile.CONTROL_FIELDS[path])))
)


@FUZZ
@given(case=MANIFEST_CASES)
def test_a_manifest_field_of_the_wrong_type_is_refused_even_when_signed(
    scene: Scene, case: tuple[str, object]
) -> None:
    path, value = case
    manifest = hostile.set_path(scene.manifest, path, value)
    message = scene.refused(hostile.with_manifest(scene.data, manifest, scene.sender))
    assert "签名" not in message  # the signature is good: the type check refused it
    assert scene.township.dump() == scene.before


@FUZZ
@given(case=CONTROL_CASES)
def test_a_control_field_of_the_wrong_type_is_refused_even_when_signed(
    scene: Scene, case: tuple[str, object]
) -> None:
    path, value = case
    control = hostile.set_path(scene.control, path, value)
    bundle = hostile.with_control(scene.manifest, scene.members, control, scene.sender, scene.recipient_box)
    scene.refused(bundle)
    assert scene.township.dump() == scene.before


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        ("members", 5, "清单字段 members 应为数组，实为整数"),
        ("sender", ["x"], "清单字段 sender 应为对象，实为数组"),
        ("schema", ["0002"], "清单字段 schema 应为文本，实为数组"),
        ("counts.ops", "3", "counts.ops 应为整数，实为文本"),
        ("origins.0.first_seq", -4, "origins[0].first_seq 超出允许范围"),
        ("members.0.size", 10**30, "members[0].size 超出允许范围"),
        ("recipient.device_id", hostile.MISSING, "缺少字段 recipient.device_id"),
    ],
)
def test_the_refusal_names_the_field(scene: Scene, path: str, value: object, words: str) -> None:
    manifest = hostile.set_path(scene.manifest, path, value)
    assert words in scene.refused(hostile.with_manifest(scene.data, manifest, scene.sender))


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        ("certificates", 5, "控制信息字段 certificates 应为数组，实为整数"),
        ("heads.0.seq", -1, "heads[0].seq 超出允许范围"),
        ("heads.0.seq", 2**70, "heads[0].seq 超出允许范围"),
        ("missing_blobs", [5], "missing_blobs[0] 应为 64 位十六进制"),
        ("receipt", {"bundles": 5, "conflicts": []}, "receipt.bundles 应为数组"),
    ],
)
def test_the_control_refusal_names_the_field(scene: Scene, path: str, value: object, words: str) -> None:
    control = hostile.set_path(scene.control, path, value)
    bundle = hostile.with_control(scene.manifest, scene.members, control, scene.sender, scene.recipient_box)
    assert words in scene.refused(bundle)


def test_the_command_exits_12_with_one_line(scene: Scene, tmp_path: Path) -> None:
    """The same through the real command: exit code 12, one line on stderr, for a flipped ZIP flag bit
    (the 'compressed patched data' flip that used to end in exit 70) and a wrongly typed manifest."""
    data = bytearray(scene.data)
    data[6] ^= 0x20  # the first local header's general-purpose flags: "compressed patched data"
    flipped = tmp_path / "flag.zcb"
    flipped.write_bytes(bytes(data))
    typed = tmp_path / "typed.zcb"
    typed.write_bytes(hostile.with_manifest(scene.data, {**scene.manifest, "members": 5}, scene.sender))
    scene.township.ledger.store.close()
    root = Path(__file__).resolve().parents[2]
    for bundle in (flipped, typed):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "--home",
                str(scene.township.home),
                "bundle",
                "import",
                str(bundle),
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(root), "PYTHONIOENCODING": "utf-8"},
        )
        assert result.returncode == 12, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "已拒绝" in result.stderr
        assert "Traceback" not in result.stderr
    from desktop.app import open_ledger

    scene.township.ledger = open_ledger(scene.township.home)
    assert scene.township.dump() == scene.before
