"""Issue 14's figures for full disks, two writers and photos, for any checkout of the code.

    sudo PYTHONPATH=TREE .venv/bin/python bench/robustness_store.py [--quick]

runs the ``desktop`` package found first on PYTHONPATH (a checkout of main for "before", this branch
for "after") and prints one row per class: tried / refused with a clear line / changed data / exit 70.
"Clear line": a non-zero documented exit code and one line on stderr starting with "错误：" (or, for
photos, the file's name) that names the real cause; "changed data": the dump after the command differs
from the dump before although the command failed. Root is needed to mount the small tmpfs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from excel.sheets import family, write_rows  # noqa: E402
from media.pictures import busy_scene, phone_jpeg, png, scene  # noqa: E402

from desktop.cli import main  # noqa: E402


@dataclass
class Row:
    name: str
    tried: int = 0
    clear: int = 0
    changed: int = 0
    crashed: int = 0
    succeeded: int = 0

    def line(self) -> str:
        return (
            f"| {self.name} | {self.tried} | {self.clear} | {self.changed} | {self.crashed} "
            f"| {self.succeeded} |"
        )


def run(home: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--home", str(home), *argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def dump(home: Path) -> str:
    return run(home, "dump")[1]


def one_line(err: str, *, needle: str) -> bool:
    return err.count("\n") == 1 and needle in err and "内部错误" not in err


def disk_full(work: Path) -> Row:
    row = Row("disk full (0 B … 3 MB left)")
    disk = work / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16M", "tmpfs", str(disk)], capture_output=True)
    if done.returncode != 0:
        row.name += " — not run: mount refused"
        return row
    try:
        home = disk / "zhucun"
        run(
            home,
            "init",
            "--no-encryption",
            "--village-code",
            "513301",
            "--village-name",
            "亚弄村",
            "--user",
            "扎西",
        )
        rows = [r for i in range(12) for r in family(f"{i + 1:03d}", i)]
        run(home, "xlsx", "import", str(write_rows(work / "a.xlsx", rows)))
        more = write_rows(work / "b.xlsx", [r for i in range(12, 20) for r in family(f"{i + 1:03d}", i)])
        photo = work / "IMG_0001.jpg"
        photo.write_bytes(phone_jpeg(busy_scene(1600, 1200)))
        for k, leave in enumerate((0, 64 * 1024, 512 * 1024, 3 * 1024 * 1024)):
            commands = [
                ("visit", "add", "001", "--content", "了解务工情况"),
                ("household", "add", "--number", f"09{k}", "--head", "name=卓嘎"),
                ("household", "edit", "003", "--set", f"联系电话=1380000000{k}"),
                ("xlsx", "import", str(more)),
                ("backup",),
                ("photo", "add", "002", str(photo)),
                ("check",),
                ("dump",),
            ]
            filler = disk / "filler.bin"
            with open(filler, "wb") as fh:
                remaining = shutil.disk_usage(disk).free - leave
                while remaining > 0:
                    try:
                        remaining -= fh.write(b"\0" * min(1 << 20, remaining))
                    except OSError:
                        break
            for argv in commands:
                before = _free_dump(home, filler)
                code, _, err = run(home, *argv)
                after = _free_dump(home, filler)
                row.tried += 1
                row.crashed += code == 70
                if code == 0:
                    row.succeeded += 1
                    continue
                row.changed += after != before
                row.clear += code == 4 and one_line(err, needle="磁盘空间不足") and "已损坏" not in err
            filler.unlink()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
    return row


def _free_dump(home: Path, filler: Path) -> str:
    """The dump, read with the filler moved aside (a read must not depend on the code under test
    working on a full disk), then the filler put back."""
    aside = filler.with_suffix(".aside")
    size = filler.stat().st_size
    filler.rename(aside)
    try:
        aside.unlink()
        text = dump(home)
    finally:
        with open(filler, "wb") as fh:
            remaining = size
            while remaining > 0:
                try:
                    remaining -= fh.write(b"\0" * min(1 << 20, remaining))
                except OSError:
                    break
    return text


def two_writers(work: Path) -> tuple[Row, Row]:
    held = Row("two writers: 20 commands while another holds the lock")
    home = work / "tw"
    run(home, "demo", "--households", "10")
    n = json.loads(run(home, "household", "list", "--json")[1])[0]["number"]
    photo = work / "IMG_0002.jpg"
    photo.write_bytes(phone_jpeg(scene()))
    os.environ["ZHUCUN_BUSY_WAIT"] = "1"
    commands = [
        ("household", "list"),
        ("household", "show", n),
        ("check",),
        ("dump",),
        ("log", n),
        ("income", "list", n),
        ("sync", "status"),
        ("conflicts", "list"),
        ("backup",),
        ("visit", "add", n, "--content", "了解务工情况"),
        ("household", "add", "--number", "777", "--head", "name=卓嘎"),
        ("household", "edit", n, "--set", "联系电话=13800000000"),
        ("household", "archive", n, "--reason", "整户迁出"),
        ("assess", n, "--set", "food_staple_ok=是"),
        ("income", "set", n, "--year", "2025", "--wage", "5200"),
        ("measure", "add", n, "--group", "产业", "--project", "牦牛养殖", "--funds", "15000"),
        ("helper", "add", n, "--name", "张华", "--unit", "县农业农村局", "--start", "2021-06-01"),
        ("photo", "add", n, str(photo)),
        ("event", "relocate", n, "--mode", "集中安置", "--site", "安置点"),
        ("xlsx", "import", str(write_rows(work / "c.xlsx", family("901", 901)))),
    ]
    before = dump(home)
    holder = sqlite3.connect(home / "zhucun.sqlite3", isolation_level=None, timeout=30)
    holder.execute("BEGIN IMMEDIATE")
    try:
        for argv in commands:
            code, _, err = run(home, *argv)
            held.tried += 1
            held.crashed += code == 70
            if code == 0:
                held.succeeded += 1
            else:
                held.clear += one_line(err, needle="另一个程序正在写入这个台账")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    held.changed = int(dump(home) != before)
    del os.environ["ZHUCUN_BUSY_WAIT"]

    stress = Row("two writers: 3 processes × 12 commands at once")
    driver = (
        "import json, sys\nfrom desktop.cli import main\ncodes = []\n"
        "for i in range(12):\n"
        "    argv = [['visit', 'add', sys.argv[2], '--content', f'{sys.argv[3]}-{i}'],\n"
        "            ['household', 'edit', sys.argv[2], '--set', f'联系电话=1380000{i:04d}'],\n"
        "            ['income', 'set', sys.argv[2], '--year', '2025', '--wage', str(1000 + i)],\n"
        "            ['dump']][i % 4]\n"
        "    codes.append(main(['--home', sys.argv[1], *argv]))\n"
        "print('CODES ' + json.dumps(codes))\n"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", driver, str(home), n, f"p{k}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(3)
    ]
    for process in processes:
        out, err = process.communicate(timeout=600)
        codes = json.loads(out.rsplit("CODES ", 1)[1])
        stress.tried += len(codes)
        stress.crashed += codes.count(70)
        stress.succeeded += codes.count(0)
        stress.clear += sum(1 for line in err.splitlines() if "另一个程序正在写入这个台账" in line)
    visits = [v["content"] for v in json.loads(dump(home))["visit"] if v["content"][:1] == "p"]
    stress.changed = int(len(set(visits)) != len(visits))  # a visit written twice
    return held, stress


def photos(work: Path, fuzz: int) -> list[Row]:
    home = work / "ph"
    run(
        home,
        "init",
        "--no-encryption",
        "--village-code",
        "513301",
        "--village-name",
        "亚弄村",
        "--user",
        "扎西",
    )
    run(home, "household", "add", "--number", "001", "--head", "name=卓嘎")
    rows = []
    liar_row = Row("photo: header 10000×11000 over 800×600 data")
    honest = phone_jpeg(busy_scene(800, 600))
    at = honest.index(b"\xff\xc0")
    liar = work / "IMG_9999.jpg"
    liar.write_bytes(honest[: at + 5] + struct.pack(">HH", 11000, 10000) + honest[at + 9 :])
    _photo_case(home, liar, liar_row, needle="不完整")
    rows.append(liar_row)

    exif_row = Row("photo: corrupt EXIF (Pillow warning)")
    exif = b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 40)
    out = io.BytesIO()
    scene().save(out, "JPEG", quality=90, exif=exif)
    bad_exif = work / "IMG_0003.jpg"
    bad_exif.write_bytes(out.getvalue())
    code, stdout, err = _run_with_warnings(home, "photo", "add", "001", str(bad_exif))
    exif_row.tried = 1
    exif_row.crashed = int(code == 70)
    exif_row.succeeded = int(code == 0)
    exif_row.clear = int("Corrupt EXIF" not in err + stdout and "EXIF 信息已损坏" in stdout)
    rows.append(exif_row)

    kill_row = Row("photo: photo add SIGKILLed (orphan left after next open)")
    files = []
    for i in range(6):
        path = work / f"K_{i}.jpg"
        path.write_bytes(phone_jpeg(busy_scene(2400 + i, 1800)))
        files.append(str(path))
    for _ in range(5):
        before = set((home / "photos").rglob("*.bin")) if (home / "photos").exists() else set()
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--home", str(home), "photo", "add", "001", *files],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if (home / "photos").exists() and set((home / "photos").rglob("*.bin")) - before:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
        process.wait()
        kill_row.tried += 1
        old = time.time() - 2 * 3600
        for path in (home / "photos").rglob("*"):
            os.utime(path, (old, old))
        run(home, "photo", "list", "001")  # a command that opens the ledger for writing
        referenced = {r["sha256"] for r in json.loads(dump(home))["photo"]}
        thumbs = {p.read_text().strip() for p in (home / "photos" / "thumbs").rglob("*.txt")}
        stored = {p.stem for p in (home / "photos").rglob("*.bin")}
        kill_row.changed += int(bool(stored - referenced - thumbs))  # an orphan stays
        kill_row.clear += int(not (stored - referenced - thumbs))
    rows.append(kill_row)

    fuzz_row = Row(f"photo: {fuzz} cut/bit-flipped JPEG and PNG")
    rng = random.Random(14)
    seeds = [phone_jpeg(busy_scene(320, 240), quality=80), png(busy_scene(200, 150))]
    for i in range(fuzz):
        data = bytearray(seeds[i % 2])
        how = rng.choice(["truncate", "flip", "both", "header"])
        if how in ("flip", "both"):
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        if how == "header":
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(min(600, len(data)))] = rng.randrange(256)
        if how in ("truncate", "both"):
            data = data[: rng.randrange(len(data))]
        path = work / ("F.jpg" if i % 2 == 0 else "F.png")
        path.write_bytes(bytes(data))
        _photo_case(home, path, fuzz_row, needle="")
    rows.append(fuzz_row)
    return rows


def _run_with_warnings(home: Path, *argv: str) -> tuple[int, str, str]:
    """As a user sees it: Python's default warning filter prints a warning to stderr."""
    import warnings

    err = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        with redirect_stderr(err):
            out = io.StringIO()
            with redirect_stdout(out):
                code = main(["--home", str(home), *argv])
    return code, out.getvalue(), err.getvalue()


def _photo_case(home: Path, path: Path, row: Row, *, needle: str) -> None:
    before = dump(home)
    code, out, err = _run_with_warnings(home, "photo", "add", "001", str(path))
    row.tried += 1
    row.crashed += code == 70
    if code == 0:
        row.succeeded += 1
        return
    row.changed += dump(home) != before
    row.clear += (
        code == 2 and out == "" and err.count("\n") == 1 and err.startswith(f"{path}：") and needle in err
    )


def main_() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fuzz", type=int, default=100)
    args = parser.parse_args()
    import desktop

    print(f"code under test: {Path(desktop.__file__).parent}")
    print("| class | tried | refused with a clear line | changed data | exit 70 | succeeded |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for row in [disk_full(work), *two_writers(work), *photos(work, args.fuzz)]:
            print(row.line(), flush=True)


if __name__ == "__main__":
    main_()
