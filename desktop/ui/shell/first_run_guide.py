"""A short guide above the pages on the first start of a ledger: the four things a first secretary
does first, and where the manual is. Dismissed once, it stays away for this ledger (a device-local
preference kept in the ledger, so a new ledger shows it again)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services.preferences import FIRST_RUN_GUIDE, get_preference, set_preference
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr


class FirstRunGuide(QFrame):
    help_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("firstRunGuide")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#firstRunGuide { background: #fff8dc; border: 1px solid #d8c27a; }")
        if ctx.is_township:
            steps = tr(
                "<b>第一次使用？</b>　① 设置 → 信任身份卡…：信任各村设备（电话核对指纹）"
                "　② 同步 → 导入同步包：收各村的 U 盘　③ 各村：选一个村查看　④ 同步 → 给每个村的设备各导出一个"
            )
        else:
            steps = tr(
                "<b>第一次使用？</b>　① 农户 → 新增农户…（或 从 Excel 导入…）"
                "　② 走访 → 记录走访　③ 台账打印 → 生成 PDF 并预览　④ 同步 → 导出同步包，带去乡镇"
            )
        self.text = QLabel(steps)
        self.text.setObjectName("firstRunSteps")
        self.text.setWordWrap(True)
        self.help_button = QPushButton(tr("使用说明（F1）"))
        self.help_button.setObjectName("firstRunHelp")
        self.help_button.clicked.connect(self.help_requested.emit)
        self.dismiss_button = QPushButton(tr("知道了，不再显示"))
        self.dismiss_button.setObjectName("firstRunDismiss")
        self.dismiss_button.clicked.connect(self.dismiss)
        buttons = QVBoxLayout()
        buttons.addWidget(self.help_button)
        buttons.addWidget(self.dismiss_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        # before the ledger is open, as the first screen read it (services/first_screen)
        shown = (
            ctx.first.first_run_guide
            if ctx.first is not None
            else get_preference(ctx.ledger, FIRST_RUN_GUIDE)
        )
        self.setVisible(shown == "show")

    def dismiss(self) -> None:
        set_preference(self.ctx.ledger, FIRST_RUN_GUIDE, "dismissed")
        self.hide()
