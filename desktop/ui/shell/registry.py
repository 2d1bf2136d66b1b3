"""The navigation, in order: which page class stands behind each label.

Pages are found by module path, so a page whose module has not been written yet shows a working
placeholder that says so instead of breaking the window.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.page import Page, PlaceholderPage

NAVIGATION: tuple[tuple[str, str], ...] = (
    (tr_noop("概况"), "desktop.ui.overview.page:OverviewPage"),
    (tr_noop("农户"), "desktop.ui.households.page:HouseholdsPage"),
    (tr_noop("走访"), "desktop.ui.visits.page:VisitsPage"),
    (tr_noop("日志"), "desktop.ui.diary.page:DiaryPage"),
    (tr_noop("核查"), "desktop.ui.checks.page:ChecksPage"),
    (tr_noop("监测"), "desktop.ui.monitoring.page:MonitoringPage"),
    (tr_noop("照片"), "desktop.ui.photos.page:PhotosPage"),
    (tr_noop("台账打印"), "desktop.ui.printing.page:PrintingPage"),
    (tr_noop("同步"), "desktop.ui.sync.page:SyncPage"),
    (tr_noop("设置"), "desktop.ui.settings.page:SettingsPage"),
)
TOWNSHIP_FIRST = (tr_noop("各村"), "desktop.ui.villages.page:VillagesPage")


def navigation(ctx: UiContext) -> tuple[tuple[str, str], ...]:
    """The navigation's entries for this device: (title, target)."""
    return ((TOWNSHIP_FIRST,) if ctx.is_township else ()) + NAVIGATION


def build_pages(ctx: UiContext, parent: QWidget | None = None) -> list[Page]:
    return [build_page(ctx, title, target, parent) for title, target in navigation(ctx)]


def build_page(ctx: UiContext, title: str, target: str, parent: QWidget | None) -> Page:
    """One page, its module imported now (the window builds a page when it is first shown)."""
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise  # a page that exists but imports something missing is a bug, not a placeholder
        return PlaceholderPage(
            ctx,
            title,
            tr("“{title}”页尚在建设中，下一版提供。命令行已可使用相应功能（zhucun --help）。").format(
                title=tr_marked(title)
            ),
            parent,
        )
    page: Page = getattr(module, class_name)(ctx, parent)
    return page
