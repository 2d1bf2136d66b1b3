"""``zhucun security …``: encryption at rest, and the users who may unlock it.

Passphrases come from a prompt (getpass, not echoed) or, for scripts, from the environment:
``ZHUCUN_PASSPHRASE`` (the unlocking user's, or the first one at ``enable``), ``ZHUCUN_NEW_PASSPHRASE``
(a new one) and ``ZHUCUN_RECOVERY_CODE``. Never from the command line, where the process list and the
shell history would show them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.services.security.users import Unlocked

PASSPHRASE_ENV = "ZHUCUN_PASSPHRASE"
NEW_PASSPHRASE_ENV = "ZHUCUN_NEW_PASSPHRASE"
RECOVERY_ENV = "ZHUCUN_RECOVERY_CODE"


def add_parsers(sub: Any) -> None:
    security = sub.add_parser("security", help="加密与用户：启用加密、添加用户、改口令、用恢复码找回")
    actions = security.add_subparsers(dest="action", metavar="操作")
    p = actions.add_parser("enable", help="加密这个台账（数据库、备份、照片、本机密钥），设第一个用户的口令")
    p.add_argument("--user", required=True, help="第一个用户的姓名")
    p = actions.add_parser("add-user", help="添加一个用户（需要已有用户的口令）")
    p.add_argument("name")
    p = actions.add_parser("passwd", help="修改一个用户的口令（需要他的当前口令）")
    p.add_argument("name")
    p = actions.add_parser("recover", help="忘记口令：用恢复码为一个用户设新口令（恢复码随即换新）")
    p.add_argument("--user", help="要设新口令的用户（只有一个用户时可省略）")
    actions.add_parser("new-recovery-code", help="换一个新的恢复码（旧的作废；需要口令）")
    actions.add_parser("status", help="是否加密、有哪些用户")


def unlock_if_encrypted(home: Path, db_url: str | None) -> Unlocked | None:
    """The unlocked user of an encrypted data folder (asking for the passphrase); None when plain."""
    from desktop.services.security.users import is_encrypted, unlock

    if db_url is not None or not is_encrypted(home):
        return None
    return unlock(home, read_secret(PASSPHRASE_ENV, "口令："))


def run(args: argparse.Namespace, home: Path) -> int:
    from desktop.services.security import users as security

    action = args.action
    if action == "enable":
        return _enable(home, args.user)
    if action == "add-user":
        unlocked = security.unlock(home, read_secret(PASSPHRASE_ENV, "已有用户的口令："))
        new = read_secret(NEW_PASSPHRASE_ENV, f"为 {args.name} 设置口令：", confirm=True)
        security.add_user(home, unlocked, args.name, new)
        print(f"已添加用户 {args.name}（由 {unlocked.user} 添加）；数据未重新加密，只更新了钥匙环")
        return 0
    if action == "passwd":
        # the current passphrase first: a wrong one is refused before a new one is asked
        unlocked = security.unlock(home, read_secret(PASSPHRASE_ENV, f"{args.name} 的当前口令："), args.name)
        new = read_secret(NEW_PASSPHRASE_ENV, f"{args.name} 的新口令：", confirm=True)
        security.change_passphrase(home, unlocked, new)
        print(f"已修改 {args.name} 的口令")
        return 0
    if action == "recover":
        return _recover(home, args.user)
    if action == "new-recovery-code":
        unlocked = security.unlock(home, read_secret(PASSPHRASE_ENV, "口令："))
        code = security.renew_recovery_code(home, unlocked)
        print(f"已换新恢复码（由 {unlocked.user} 操作），原恢复码已作废。")
        _print_recovery_code(code)
        return 0
    if action == "status":
        return _status(home)
    raise InvalidInput("用 zhucun security --help 查看可用的操作")


def _enable(home: Path, user: str) -> int:
    from desktop.services.security.encryption import enable_encryption
    from desktop.services.security.users import is_encrypted

    if is_encrypted(home):
        raise InvalidInput("这个台账已经加密了，未做任何改动")
    passphrase = read_secret(PASSPHRASE_ENV, f"为 {user} 设置口令：", confirm=True)
    result = enable_encryption(home, user=user, passphrase=passphrase)
    print(
        f"已启用加密：数据库、{result.backups} 份备份、{result.photos} 张照片和本机密钥都已加密。用户：{result.user}"
    )
    _print_recovery_code(result.recovery_code)
    return 0


def _recover(home: Path, user: str | None) -> int:
    from desktop.services.security import users as security

    status = security.security_status(home)
    if user is None:
        if len(status.users) != 1:
            names = "、".join(u.name for u in status.users)
            raise InvalidInput(f"请用 --user 指明给哪个用户设新口令（已有：{names}）")
        user = status.users[0].name
    code = read_secret(RECOVERY_ENV, "恢复码：")
    new = read_secret(NEW_PASSPHRASE_ENV, f"{user} 的新口令：", confirm=True)
    successor = security.recover(home, code, user, new)
    print(f"已为 {user} 设置新口令。原恢复码已作废。")
    _print_recovery_code(successor)
    return 0


def _status(home: Path) -> int:
    from desktop.services.security.users import security_status

    status = security_status(home)
    if not status.encrypted:
        print("未加密（用 zhucun security enable --user 姓名 启用）")
        return 0
    print("已加密（SQLCipher 数据库，照片、备份和本机密钥用同一数据密钥加密）")
    for user in status.users:
        print(f"用户 {user.name}\t设于 {user.created}\t{user.kdf}")
    print("恢复码：已设" if status.has_recovery else "恢复码：没有")
    return 0


def _print_recovery_code(code: str) -> None:
    print("恢复码（只显示这一次：请抄在纸上，交乡镇保密柜保管；忘记口令时用 zhucun security recover）：")
    print(f"    {code}")


def read_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """From ``env`` when set (scripts), else typed at a prompt; never a command-line argument."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(f"需要口令：请在终端中运行（会提示输入），或为脚本设置环境变量 {env}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次：") != first:
        raise InvalidInput("两次输入的不一致，未做任何改动")
    return first
