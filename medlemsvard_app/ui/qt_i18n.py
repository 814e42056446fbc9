"""Qt's own strings (dialog buttons, context menus, wizards) in the user's language.

Qt ships Swedish but no Bokmål (ARCHITECTURE §7.8): a translator answers Qt's requests
from our own gettext catalog first, so one catalog holds every string; for Swedish
Qt's own ``qtbase_sv.qm`` covers what our catalog does not.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from medlemsvard_app.i18n import LOCALES, has_translation, pgettext

#: Every (context, source) Qt asked for, for finding strings to add to qt_messages.
REQUESTED: set[tuple[str, str]] = set()


class GettextQtTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        REQUESTED.add((context, source))
        if has_translation(context, source):
            return pgettext(context, source)
        # None, not "": an empty string is a translation to nothing and would blank out
        # the "+" in "Ctrl+F" and hide Qt's own catalogs installed behind this one.
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install our bridge (and Qt's own Swedish catalog) and set the default QLocale."""
    QLocale.setDefault(QLocale(LOCALES.get(language, "en_GB")))
    translators: list[QTranslator] = []
    if language == "sv":
        qt_own = QTranslator(app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(QLocale("sv_SE"), "qtbase", "_", path):
            app.installTranslator(qt_own)
            translators.append(qt_own)
    bridge = GettextQtTranslator(app)
    app.installTranslator(bridge)  # installed last = asked first
    translators.append(bridge)
    return translators
