"""Reading an identity card before trusting it: who it says it is and its fingerprint, so a person can
compare that with the one read out over the phone. Trusting itself is ``identity.trust_card``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.exchange.identity import describe
from desktop.sync.documents import BadDocument, read_card
from desktop.sync.keys import normalise_fingerprint


@dataclass(frozen=True)
class CardPreview:
    path: Path
    device_id: str
    who: str  # 姑咱镇乡镇设备（洛桑，1a2b3c4d）
    role: str  # village / township
    fingerprint: str  # spaced: 6151 6310 9771 1338 4604 8497


def preview_card(path: Path) -> CardPreview:
    """The card at ``path``, checked against its own signature; refused with a Chinese message."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"找不到身份卡文件 {path}") from None
    except (OSError, UnicodeDecodeError):
        raise InvalidInput(f"{path.name} 不是身份卡文件") from None
    try:
        identity = read_card(text)
    except BadDocument as exc:
        raise InvalidInput(f"{path.name}：{exc}") from None
    return CardPreview(path, identity.device_id, describe(identity), identity.role, identity.fingerprint)


def same_fingerprint(a: str, b: str) -> bool:
    """Typed with or without spaces or dashes; an empty or partial one never matches."""
    digits = normalise_fingerprint(a)
    return len(digits) == 24 and digits == normalise_fingerprint(b)
