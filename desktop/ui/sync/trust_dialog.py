"""Trusting another device: pick its identity card, read its fingerprint over the phone and type it.

Nothing is trusted unless the typed fingerprint equals the card's (and, for a quarantined bundle, the
fingerprint its sender signed with); then the bundles that waited in quarantine for this sender are
imported on the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import InvalidInput
from desktop.services.context import EVERYTHING
from desktop.services.exchange.bundles import ImportReport, release_quarantine
from desktop.services.exchange.identity import TrustResult, trust_card
from desktop.services.exchange.identity_cards import CardPreview, preview_card, same_fingerprint
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Progress

CARD_FILTER = tr_noop("身份卡 (*.zcid);;所有文件 (*)")


def fingerprint_font(base: QFont, scale: float = 1.6) -> QFont:
    """Digits to read aloud: the interface font (it has every glyph), large and bold."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(True)
    font.setWordSpacing(font.pointSizeF() * 0.6)  # the groups of four stand apart, as they are read out
    return font


class TrustDialog(QDialog):
    """``expected``: the fingerprint a quarantined bundle was signed with (the card must be that device's)."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        expected: str | None = None,
        expected_sender: str = "",
        on_trusted: Callable[[TrustResult, list[ImportReport]], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.setWindowTitle(tr("信任设备：核对指纹"))
        self.ctx = ctx
        self.expected = expected
        self.card: CardPreview | None = None
        self.trusted: TrustResult | None = None
        self._on_trusted = on_trusted

        intro = QLabel(
            tr(
                "1. 选择对方设备导出的身份卡（.zcid 文件）。\n"
                "2. 打电话请对方读出其“设置”页上显示的指纹，在下面输入。\n"
                "两者一致才会信任；不一致说明身份卡可能被调换过。"
            )
        )
        intro.setWordWrap(True)
        self.card_path = QLineEdit()
        self.card_path.setReadOnly(True)
        self.card_path.setPlaceholderText(tr("尚未选择身份卡"))
        choose = QPushButton(tr("选择身份卡…"))
        choose.clicked.connect(self._choose_card)
        card_row = QHBoxLayout()
        card_row.addWidget(self.card_path, 1)
        card_row.addWidget(choose)
        self.card_who = QLabel("—")
        self.card_who.setWordWrap(True)
        self.card_fingerprint = QLabel("—")
        self.card_fingerprint.setObjectName("cardFingerprint")
        self.card_fingerprint.setFont(fingerprint_font(self.font()))
        self.typed = QLineEdit()
        self.typed.setObjectName("typedFingerprint")
        self.typed.setPlaceholderText(tr("24 位数字，如 6151 6310 9771 1338 4604 8497"))
        self.typed.setFont(fingerprint_font(self.font(), 1.2))

        form = QFormLayout()
        if expected:
            sender = QLabel(tr("{sender}\n指纹 {expected}").format(sender=expected_sender, expected=expected))
            sender.setWordWrap(True)
            form.addRow(tr("隔离同步包的发送设备："), sender)
        form.addRow(tr("身份卡："), card_row)
        form.addRow(tr("身份卡上的设备："), self.card_who)
        form.addRow(tr("身份卡上的指纹："), self.card_fingerprint)
        form.addRow(tr("电话中读出的指纹："), self.typed)
        buttons = QDialogButtonBox()
        self.trust_button = buttons.addButton(tr("核对无误，信任"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    # --- public (tests drive these instead of the file picker) ------------------------------------
    def set_card(self, path: Path) -> bool:
        try:
            card = preview_card(path)
        except Exception as error:
            show_error(self, error)
            return False
        self.card = card
        self.card_path.setText(str(path))
        self.card_who.setText(
            tr("{who}（乡镇设备）").format(who=card.who)
            if card.role == "township"
            else tr("{who}（村设备）").format(who=card.who)
        )
        self.card_fingerprint.setText(card.fingerprint)
        self.typed.setFocus()
        return True

    def confirm(self) -> bool:
        """Trust the card if the typed fingerprint matches; returns whether it was trusted."""
        try:
            self.trusted = self._trust()
        except Exception as error:
            show_error(self, error)
            return False
        self.accept()
        self._release(self.trusted)
        return True

    # --- private -----------------------------------------------------------------------------------
    def _trust(self) -> TrustResult:
        if self.card is None:
            raise InvalidInput(tr("请先选择对方的身份卡（.zcid 文件）"))
        typed = self.typed.text().strip()
        if not typed:
            raise InvalidInput(tr("请输入对方在电话中读出的指纹"))
        if not same_fingerprint(typed, self.card.fingerprint):
            raise InvalidInput(
                tr(
                    "指纹不符：身份卡上的指纹是 {fingerprint}，与电话中读出的 {typed} 不一致。这张卡可能被调换过，未信任"
                ).format(fingerprint=self.card.fingerprint, typed=typed)
            )
        if self.expected and not same_fingerprint(self.expected, self.card.fingerprint):
            raise InvalidInput(
                tr(
                    "这张身份卡（指纹 {fingerprint}）不是隔离同步包的发送设备（指纹 {expected}），未信任"
                ).format(fingerprint=self.card.fingerprint, expected=self.expected)
            )
        result = trust_card(self.ctx.ledger, self.card.path, typed)
        self.ctx.changed.emit(EVERYTHING)
        return result

    def _release(self, result: TrustResult) -> None:
        ledger, sender = self.ctx.ledger, result.peer.device_id

        def work(_progress: Progress) -> list[ImportReport]:
            return release_quarantine(ledger, only_sender=sender)

        def done(reports: list[ImportReport]) -> None:
            if self._on_trusted is not None:
                self._on_trusted(result, reports)

        self.ctx.run(self.parentWidget(), tr("正在导入隔离区中这台设备的同步包…"), work, done)

    def _choose_card(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择身份卡"), "", tr_marked(CARD_FILTER))
        if path:
            self.set_card(Path(path))
