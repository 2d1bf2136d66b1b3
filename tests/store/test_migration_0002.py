"""A ledger made by the first released schema (0001, version-1 op hashes) opens under 0002: every record
survives and every chain verifies with the version-2 hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from desktop.app import open_ledger
from desktop.services.maintenance.check import run_check
from desktop.services.maintenance.dump import dump_ledger
from desktop.store.migrate import alembic_config
from desktop.store.models import DeviceState, Operation
from desktop.store.oplog import Op


def v1_hash(
    origin: str, seq: int, hlc: int, author: str, table: str, record_id: str, fields: dict, prev: str
) -> str:
    payload = json.dumps(
        [origin, seq, hlc, author, table, record_id, fields, prev],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def test_a_0001_ledger_migrates_with_records_and_chains_intact(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    engine = create_engine(f"sqlite:///{home / 'zhucun.sqlite3'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        origin = "01a20000-0000-7000-8000-0000000000a1"
        village = "01a20000-0000-7000-8000-000000000010"
        household = "01a20000-0000-7000-8000-000000000011"
        writes = [
            ("village", village, {"code": "513301", "name": "亚弄村"}),
            ("household", household, {"number": "001", "village_id": village}),
            ("household", household, {"phone": "13800000000"}),
        ]
        prev = "0" * 64
        for seq, (table, record_id, fields) in enumerate(writes, 1):
            hlc = (1_700_000_000_000 + seq) << 16
            digest = v1_hash(origin, seq, hlc, "扎西", table, record_id, fields, prev)
            connection.execute(
                text(
                    "INSERT INTO op_log (origin, seq, hlc, author, table_name, record_id, fields, prev_hash, hash)"
                    " VALUES (:o, :s, :h, '扎西', :t, :r, :f, :p, :d)"
                ),
                {
                    "o": origin,
                    "s": seq,
                    "h": hlc,
                    "t": table,
                    "r": record_id,
                    "f": json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                    "p": prev,
                    "d": digest,
                },
            )
            prev = digest
        connection.execute(
            text("INSERT INTO village (id, code, name) VALUES (:v, '513301', '亚弄村')"), {"v": village}
        )
        connection.execute(
            text(
                "INSERT INTO household (id, number, village_id, phone) VALUES (:h, '001', :v, '13800000000')"
            ),
            {"h": household, "v": village},
        )
        connection.execute(
            text(
                "INSERT INTO device_state (device_id, role, village_id, user_name, last_seq, last_hlc, chain_head, created_at)"
                " VALUES (:o, 'village', :v, '扎西', 3, :h, :p, '2026-11-01 00:00:00')"
            ),
            {"o": origin, "v": village, "h": (1_700_000_000_000 + 3) << 16, "p": prev},
        )
    engine.dispose()

    ledger = open_ledger(home)
    with ledger.store.read_session() as session:
        ops = [Op.from_row(row) for row in session.query(Operation).order_by(Operation.seq)]
        state = session.get(DeviceState, origin)
        assert state is not None
        head = state.chain_head
    assert [op.verify_hash() for op in ops] == [True, True, True]
    assert head == ops[-1].hash != prev
    assert run_check(ledger).integrity == []
    dumped = json.loads(dump_ledger(ledger))
    assert dumped["household"][0]["phone"] == "13800000000" and dumped["village"][0]["name"] == "亚弄村"
    assert any(path.suffix == ".sqlite3" for path in (home / "backups").iterdir())  # backed up first
    ledger.store.close()
