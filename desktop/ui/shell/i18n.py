"""Translating the interface: Chinese is the source text, English the second (compiled) translation.

Every user-visible string in ``desktop/ui`` goes through :func:`tr` with its Chinese text; formatted
strings keep named fields so the translation can move them: ``tr("共 {n} 户").format(n=n)``. A text
written where no translation may run yet (a module constant, a class attribute: column headers, page
titles) is marked with :func:`tr_noop` and translated where it is shown with :func:`tr_marked`.
``packaging/translations.py`` collects the texts of ``tr`` and ``tr_noop`` into
``resources/translations/zhucun_en.ts`` and compiles ``zhucun_en.qm``.

:func:`install_translators` loads, for the chosen language, Qt's own Chinese (standard buttons and
dialogs) or our English; the pseudo-locale (language ``pseudo``, or ``ZHUCUN_PSEUDO_LOCALE=1``) shows
every text of ours 40 % wider between brackets, to find layouts that cut a longer language off.
"""

from __future__ import annotations

import math
import os
import sys
import unicodedata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

CONTEXT = "zhucun"
CHINESE, ENGLISH, PSEUDO = "zh_CN", "en", "pseudo"
LANGUAGES = (CHINESE, ENGLISH, PSEUDO)
PSEUDO_ENV = "ZHUCUN_PSEUDO_LOCALE"
CATALOG = "zhucun_{language}.qm"  # in resources/translations
QT_CATALOG = "qtbase_zh_CN.qm"  # Qt's standard buttons and dialogs (PySide6-Essentials ships it)
STRETCH = 0.4  # the pseudo-locale's extra width

_installed: list[QTranslator] = []
_system_locale: QLocale | None = None


def tr(text: str, disambiguation: str | None = None) -> str:
    """The text in the interface language (the Chinese itself when no translation is installed).
    ``text`` must be a string literal: ``packaging/translations.py`` collects it from the source.
    ``disambiguation`` (a literal too) tells apart one Chinese text meaning two things in English:
    ``tr("撤销", "undo the last edit")`` and ``tr("撤销", "withdraw a measure")``."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation)


class Marked(str):
    """A text marked with a disambiguation (see :func:`tr_noop`); otherwise a plain ``str``."""

    disambiguation: str | None = None


def tr_noop(text: str, disambiguation: str | None = None) -> str:
    """Marks a literal for translation without translating it (it is translated where shown, with
    :func:`tr_marked`): for texts made at import time, before any language is chosen."""
    if disambiguation is None:
        return text
    marked = Marked(text)
    marked.disambiguation = disambiguation
    return marked


def tr_marked(text: str) -> str:
    """The interface-language text of a string marked with :func:`tr_noop` where it was written."""
    return QCoreApplication.translate(CONTEXT, text, getattr(text, "disambiguation", None))


def install_translators(app: QCoreApplication, resources: Path, language: str) -> str:
    """Install the translations for ``language`` (``zh_CN``, ``en`` or ``pseudo``), replacing any
    installed before; returns the language in effect (``ZHUCUN_PSEUDO_LOCALE=1`` forces ``pseudo``,
    an unknown language falls back to Chinese)."""
    global _system_locale
    uninstall_translators(app)
    if os.environ.get(PSEUDO_ENV) == "1":
        language = PSEUDO
    if language not in LANGUAGES:
        language = CHINESE
    if _system_locale is None:
        _system_locale = QLocale()
    if language == CHINESE:
        qt_dir = qt_translations_dir()
        qt_catalog = _loaded(qt_dir / QT_CATALOG, app) if qt_dir is not None else None
        if qt_catalog is not None:
            _install(app, AcceleratorFallback(qt_catalog, app))  # asked after the catalog itself
        _install(app, qt_catalog)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        return language
    catalog = resources / "translations" / CATALOG.format(language=ENGLISH)
    if language == PSEUDO:
        pseudo = PseudoTranslator(None, app)
        pseudo.base = _loaded(catalog, pseudo)
        _install(app, pseudo)
    else:
        _install(app, _loaded(catalog, app))
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return language


def uninstall_translators(app: QCoreApplication) -> None:
    """Remove what :func:`install_translators` installed (and the default locale it set)."""
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    if _system_locale is not None:
        QLocale.setDefault(_system_locale)


def qt_translations_dir() -> Path | None:
    """Where Qt's own ``.qm`` files are: Qt's configured path, else beside PySide6 (a checkout's venv
    or a PyInstaller bundle, which keeps only the Chinese ones)."""
    import PySide6

    candidates = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    package = Path(PySide6.__file__).resolve().parent
    candidates += [package / "Qt" / "translations", package / "translations"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates += [Path(frozen_root) / "PySide6" / "Qt" / "translations"]
        candidates += [Path(frozen_root) / "PySide6" / "translations"]
    return next((folder for folder in candidates if (folder / QT_CATALOG).is_file()), None)


def stretch(text: str) -> str:
    """``text`` 40 % wider (a wide CJK character counts twice), between brackets, line by line. The
    padding comes in short words, so a label that wraps can still wrap."""
    if not text:
        return text
    lines = [line + _padding(math.ceil(_width(line) * STRETCH)) for line in text.split("\n")]
    return "[" + "\n".join(lines) + "]"


class PseudoTranslator(QTranslator):
    """Every text of ours (English where translated, else the Chinese) stretched by :func:`stretch`.
    Qt's own texts are left alone: key names in shortcuts must still parse."""

    def __init__(self, base: QTranslator | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = base

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context != CONTEXT:
            return None  # a null string: Qt asks the next translator, else keeps its own English
        found = self.base.translate(context, source_text, disambiguation, n) if self.base else ""
        return stretch(found or source_text)

    def isEmpty(self) -> bool:
        return False

    def language(self) -> str:
        return PSEUDO


class AcceleratorFallback(QTranslator):
    """Qt's texts that gained a keyboard accelerator after its Chinese catalog was made (QFileDialog's
    ``&Look in:`` and ``Files of &type:`` in Qt 6): the catalog's translation of the text without the
    ``&``, with the accelerator added the way the catalog writes it elsewhere (``文件名称(&N)：``).
    Qt asks this only when the catalog itself has nothing."""

    def __init__(self, catalog: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        at = source_text.find("&")
        if context == CONTEXT or at < 0 or at + 1 >= len(source_text) or source_text[at + 1] == "&":
            return None
        plain = self.catalog.translate(context, source_text.replace("&", ""), disambiguation, n)
        if not plain:
            return None
        colon = next((c for c in ("：", ":") if plain.endswith(c)), "")
        return f"{plain.removesuffix(colon)}(&{source_text[at + 1].upper()}){colon}"

    def isEmpty(self) -> bool:
        return False


def _loaded(path: Path, parent: QObject) -> QTranslator | None:
    translator = QTranslator(parent)
    if translator.load(path.name, str(path.parent)):
        return translator
    translator.deleteLater()
    return None


def _install(app: QCoreApplication, translator: QTranslator | None) -> None:
    if translator is not None:
        app.installTranslator(translator)
        _installed.append(translator)


def _padding(width: int) -> str:
    """``width`` characters: ``~``, with a space after every four (where a line may wrap)."""
    return "".join(" " if i % 5 == 4 else "~" for i in range(width))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
