"""The ``zhucun`` command line. With no sub-command it opens the GUI.

Exit codes: 0 done · 1 ``check`` found integrity problems · 2 bad input · 3 not found ·
4 the data folder or database cannot be used (also: the disk is full) · 5 no display for the GUI ·
7 another program is writing the ledger (try again) · 70 internal error (a bug; the details go to a
crash file in the data folder, never a traceback on screen).
"""

# ruff: noqa: E402  (the program's imports run with the cyclic collector paused, see below)
from __future__ import annotations

import gc

# Every command, and the window's start most, imports the program first: some 125,000 tracked objects
# (SQLAlchemy, the models, the services) that live as long as the process. A cyclic collection walking
# them again and again meanwhile is a fifth of the imports' time: paused while they run, then as before.
# (The GUI's own collector later freezes them out of every collection: ui/shell/main_thread_gc.)
_COLLECTING = gc.isenabled()
gc.disable()

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from desktop import __version__
from desktop.cli import conflicts as cli_conflicts
from desktop.cli import diary as cli_diary
from desktop.cli import households as cli_households
from desktop.cli import photos as cli_photos
from desktop.cli import printing as cli_ledgers
from desktop.cli import records as cli_records
from desktop.cli import security as cli_security
from desktop.cli import sync as cli_sync
from desktop.cli import xlsx as cli_xlsx
from desktop.cli.as_of import add_as_of, as_of
from desktop.cli.console import make_console_safe, print_json
from desktop.domain.errors import InvalidInput, UserError, present
from desktop.services.context import Ledger

if _COLLECTING:
    gc.enable()

INTERNAL_ERROR = 70


_USAGE_PHRASES = (
    ("the following arguments are required: ", "缺少必需的参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的命令："),
    ("expected one argument", "需要一个值"),
    ("invalid int value: ", "应为整数："),
    ("argument ", "参数 "),
    ("choose from ", "可选："),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """Usage errors as one Chinese line (exit 2), like every other error, instead of English usage text."""

    def error(self, message: str) -> NoReturn:
        for english, chinese in _USAGE_PHRASES:
            message = message.replace(english, chinese)
        print(f"错误：{message}（用 {self.prog} --help 查看用法）", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="zhucun", description="驻村台账 Zhucun — 离线驻村工作台账")
    parser.add_argument("--version", action="version", version=f"zhucun {__version__}")
    parser.add_argument("--home", help="数据文件夹（默认：ZHUCUN_HOME 或系统的用户数据文件夹）")
    parser.add_argument("--db", help="数据库地址，乡镇/县服务器用，如 postgresql+psycopg://user@host/zhucun")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser(
        "init",
        help="初始化：建立本机加密的台账和所驻的村（或乡镇设备），显示一次恢复码",
        description="建立加密的台账（SQLCipher）：--user 是第一个用户，口令在终端中输入两次"
        "（脚本用环境变量 ZHUCUN_PASSPHRASE，不能写在命令行上）；恢复码只显示这一次，请抄下交乡镇保管。"
        "服务器数据库（--db）不用 SQLCipher 加密。",
    )
    p.add_argument(
        "--role", choices=("village", "township"), default="village", help="village 村 / township 乡镇"
    )
    p.add_argument("--village-code")
    p.add_argument("--village-name")
    p.add_argument("--township-code", help="乡镇代码（乡镇设备）")
    p.add_argument("--township-name", help="乡镇名称（乡镇设备）")
    p.add_argument("--user", required=True, help="使用人姓名（加密台账的第一个用户）")
    p.add_argument(
        "--no-encryption",
        action="store_true",
        help="不加密（不建议：个人信息将以明文保存；以后可用 zhucun security enable 加密）",
    )
    for name in ("township", "county", "city", "province"):
        p.add_argument(f"--{name}")
    p.add_argument("--altitude", type=int)
    p.add_argument("--groups", help="村民小组，用逗号分隔")

    p = sub.add_parser("demo", help="建立演示村（亚弄村，虚构的数据，不加密）；只用于空的数据文件夹")
    p.add_argument("--seed", type=int, default=2016)
    p.add_argument("--households", type=int)
    p.add_argument("--villages", type=int, default=1)

    sub.add_parser("gui", help="打开图形界面")
    sub.add_parser(
        "doctor",
        help="检查本机安装是否完整（字体、翻译、PDF 预览、加密组件、检索索引），不读写台账；"
        "带 --db 时也看服务器的检索索引（pg_trgm）",
    )

    cli_households.add_parsers(sub)

    p = sub.add_parser("check", help="检查数据完整性和各户两不愁三保障短板")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--repair-village",
        metavar="村",
        help="把不属于任何村的农户归入这个村（村代码或村名；写入变更记录，随同步包发出）",
    )
    add_as_of(p)

    p = sub.add_parser("log", help="一条记录的变更历史")
    p.add_argument("record", help="户编号、证件号码或 UUID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("dump", help="全部记录，规范化 JSON")
    p.add_argument("--village", help="只导出这个村（村代码）")

    p = sub.add_parser("backup", help="备份台账")
    p.add_argument("--to", help="备份到这个文件夹（如 U 盘）")
    p = sub.add_parser("restore", help="从备份恢复（先自动备份当前台账）")
    p.add_argument("file")
    cli_sync.add_parsers(sub)
    cli_conflicts.add_parsers(sub)
    cli_xlsx.add_parsers(sub)
    cli_photos.add_parsers(sub)
    cli_records.add_parsers(sub)
    cli_ledgers.add_parsers(sub)
    cli_diary.add_parsers(sub)  # after cli_ledgers: adds `ledger diary`
    cli_security.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    make_console_safe()  # before argparse: --help on a GBK console must print too
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except UserError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into head or a closed pager: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
    except Exception as exc:
        problem = _explained(exc, args)
        if problem is not None:  # a full disk or a busy ledger met where no service expected it
            print(f"错误：{problem.message}", file=sys.stderr)
            return problem.exit_code
        where = _write_crash_report(args)
        print(f"内部错误：程序出现了问题，详细信息已写入 {where}，请把它交给技术支持", file=sys.stderr)
        return INTERNAL_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    from desktop.app import data_home

    home = data_home(args.home)
    command = args.command or "gui"
    if command == "gui":
        from desktop.app import run_gui

        return run_gui(home, db_url=args.db, argv=sys.argv[:1])
    if command == "doctor":
        from desktop.app import run_doctor

        return run_doctor(args.db)
    if command == "security":
        if args.action is None:
            build_parser().parse_args([command, "--help"])
        return cli_security.run(args, home)
    if command in ("backup", "restore"):
        return _backup_commands(args, home)
    if command == "init" and args.db is None and not args.no_encryption:
        return _init_encrypted(args, home)
    if command == "init" and args.db is None:
        from desktop.services.setup import check_ready_for_init

        check_ready_for_init(home)
        print(NO_ENCRYPTION_WARNING, file=sys.stderr)
    elif command == "init" and not args.no_encryption:
        print(SERVER_NOTE, file=sys.stderr)
    handler = HANDLERS.get((command, getattr(args, "action", None)))
    if handler is None:
        build_parser().parse_args([command, "--help"])
        return 2
    from desktop.app import open_ledger

    # an encrypted folder asks for the passphrase; its user is the author of this run's changes
    unlocked = cli_security.unlock_if_encrypted(home, args.db)
    ledger = open_ledger(
        home,
        db_url=args.db,
        create=command in ("init", "demo"),
        unlocked=unlocked,
        read_only=(command, getattr(args, "action", None)) in READ_ONLY
        and not getattr(args, "repair_village", None),
    )
    try:
        code = handler(ledger, args)
        from desktop.services.maintenance.backups import backup_note

        skipped = backup_note(ledger)
        if code == 0 and skipped is not None:  # done, but the ledger was not backed up: say so
            print(f"注意：{skipped}", file=sys.stderr)
        return code
    finally:
        ledger.close()


# --- handlers ---------------------------------------------------------------------------------------

NO_ENCRYPTION_WARNING = (
    "警告：台账不加密，个人信息将以明文保存在这台电脑上（以后可用 zhucun security enable 加密）"
)
SERVER_NOTE = "提示：服务器数据库不用 SQLCipher 加密，数据靠服务器的磁盘加密和 PostgreSQL 的访问权限保护"


def _init(ledger: Ledger, args: argparse.Namespace) -> int:
    result = _setup(args)(ledger)
    _print_initialised(args, result)
    return 0


def _setup(args: argparse.Namespace) -> Callable[[Ledger], Any]:
    """What ``init`` writes into a new ledger, its arguments checked before anything is created."""
    from desktop.services.setup import init_township, init_village

    if args.role == "township":
        if not args.township_code or not args.township_name:
            raise InvalidInput("乡镇设备需要乡镇代码和名称（--township-code、--township-name）")
        return lambda ledger: init_township(
            ledger, code=args.township_code, name=args.township_name, user=args.user
        )
    if not args.village_code or not args.village_name:
        raise InvalidInput("需要村代码和村名（--village-code、--village-name）")
    groups = [g.strip() for g in (args.groups or "").replace("，", ",").split(",") if g.strip()]
    return lambda ledger: init_village(
        ledger,
        code=args.village_code,
        name=args.village_name,
        user=args.user,
        township=args.township or args.township_name,
        county=args.county,
        city=args.city,
        province=args.province,
        altitude_m=args.altitude,
        groups=groups or None,
    )


def _print_initialised(args: argparse.Namespace, result: Any) -> None:
    if args.role == "township":
        print(f"已初始化乡镇设备：{result.village_name}（本机设备 {result.device_id}）")
    else:
        print(f"已初始化：{result.village_name}（本机设备 {result.device_id}）")


def _init_encrypted(args: argparse.Namespace, home: Path) -> int:
    """``init`` in a data folder: an encrypted ledger from the first byte; the recovery code printed once."""
    from desktop.app import open_ledger
    from desktop.services.security.users import check_passphrase
    from desktop.services.setup import check_ready_for_init, init_encrypted

    setup = _setup(args)
    if not args.user.strip():
        raise InvalidInput("需要使用人姓名（--user）")
    check_ready_for_init(home)
    passphrase = os.environ.get(cli_security.PASSPHRASE_ENV)
    if passphrase is None:
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"需要为 {args.user} 设置口令，台账才能加密：请在终端中运行（会提示输入两次），"
                f"或设置环境变量 {cli_security.PASSPHRASE_ENV}；确实不加密请加 --no-encryption（不建议）。"
                "未做任何改动"
            )
        print("台账将加密。口令至少 8 个字符（可以是一句话），忘了只能用恢复码找回。", file=sys.stderr)
        passphrase = cli_security.read_secret(
            cli_security.PASSPHRASE_ENV, f"为 {args.user} 设置口令：", confirm=True
        )
    check_passphrase(passphrase, user=args.user)
    done = init_encrypted(
        home,
        user=args.user,
        passphrase=passphrase,
        setup=setup,
        open_folder=lambda folder, unlocked: open_ledger(folder, create=True, unlocked=unlocked),
    )
    _print_initialised(args, done.result)
    print(f"台账已加密（SQLCipher）。用户：{done.unlocked.user}")
    print("恢复码（只显示这一次，请抄下交乡镇保管；所有人都忘了口令时，用 zhucun security recover 找回）：")
    print(f"    {done.recovery_code}")
    return 0


def _demo(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.demo import create_demo

    summary = create_demo(ledger, seed=args.seed, households=args.households, villages=args.villages)
    print(f"已建立演示数据：{summary.villages} 个村，{summary.households} 户，{summary.members} 人")
    return 0


def _check(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.cli.format import check_text
    from desktop.services.maintenance.check import repair_village, run_check

    if args.repair_village:
        repaired = repair_village(ledger, args.repair_village)
        if repaired.numbers:
            print(
                f"已把 {len(repaired.numbers)} 户归入{repaired.village_name}：{'、'.join(repaired.numbers)}"
            )
        else:
            print("没有不属于任何村的农户，未做任何改动")
    report = run_check(ledger, as_of=as_of(args))
    if args.json:
        print_json(report.to_json())
    else:
        print(check_text(report))
    return 0 if report.ok else 1


def _log(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.history import record_history

    entries = record_history(ledger, args.record)
    if args.json:
        print_json(
            [
                {
                    "at": e.at.isoformat(timespec="seconds"),
                    "author": e.author,
                    "origin": e.origin,
                    "seq": e.seq,
                    "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in e.changes],
                }
                for e in entries
            ]
        )
        return 0
    for entry in entries:
        print(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.author}  （设备 {entry.origin[:8]} 第 {entry.seq} 条）")
        for change in entry.changes:
            old, new = ("（空）" if v is None else v for v in (change.old_shown, change.new_shown))
            print(f"    {change.label}：{old} → {new}")
    return 0


def _dump(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.maintenance.dump import dump_ledger

    sys.stdout.write(dump_ledger(ledger, village_code=args.village))
    sys.stdout.write("\n")
    return 0


def _backup_commands(args: argparse.Namespace, home: Path) -> int:
    from desktop.services.maintenance.backups import ledger_location, make_backup, restore_backup

    unlocked = cli_security.unlock_if_encrypted(home, args.db)
    location = ledger_location(home, db_url=args.db, data_key=unlocked.data_key if unlocked else None)
    if args.command == "backup":
        path = make_backup(location, Path(args.to) if args.to else None)
        print(f"已备份到 {path}")
        return 0
    result = restore_backup(location, Path(args.file))
    kept = f"；原台账已另存为 {result.previous_kept_at}" if result.previous_kept_at else ""
    print(f"已从 {result.restored_from} 恢复{kept}")
    return 0


# commands that only read the database: opened read-only (mode=ro, query_only), they never write a byte,
# so they work on a full disk and never wait for another program's write lock
READ_ONLY: frozenset[tuple[str, str | None]] = frozenset(
    {
        ("check", None),
        ("dump", None),
        ("log", None),
        ("household", "list"),
        ("household", "show"),
        ("event", "list"),
        ("income", "list"),
        ("measure", "list"),
        ("helper", "list"),
        ("diary", "list"),
        ("leave", "list"),
        ("villages", None),
    }
)

HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    **cli_sync.HANDLERS,
    **cli_conflicts.HANDLERS,
    **cli_xlsx.HANDLERS,
    **cli_photos.HANDLERS,
    **cli_records.HANDLERS,
    **cli_ledgers.HANDLERS,
    **cli_diary.HANDLERS,
    **cli_households.HANDLERS,
    ("init", None): _init,
    ("demo", None): _demo,
    ("check", None): _check,
    ("log", None): _log,
    ("dump", None): _dump,
}


# --- output -----------------------------------------------------------------------------------------


def _explained(error: Exception, args: argparse.Namespace) -> UserError | None:
    from desktop.app import data_home
    from desktop.services.context import explain_failure

    try:
        return explain_failure(error, data_home(getattr(args, "home", None)))
    except Exception:  # never let the explanation hide the crash report
        return None


def _write_crash_report(args: argparse.Namespace) -> Path:
    from desktop.app import data_home
    from desktop.services.maintenance.crash_reports import write_crash_report

    error = present(sys.exc_info()[1], "the exception being handled")  # called from an except block
    return write_crash_report(error, data_home(getattr(args, "home", None)))
