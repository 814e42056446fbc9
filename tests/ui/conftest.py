import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from medlemsvard_app.ui.main_window import app_settings  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_gui_thread(qapp):
    """As in the app: no garbage collection inside worker jobs (Qt objects would die there)."""
    from medlemsvard_app.ui.main_thread_gc import MainThreadCollector

    collector = MainThreadCollector(qapp)
    yield collector
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_each_test():
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def fresh_settings():
    """Each GUI test starts without remembered window layout or last database."""
    settings = app_settings()
    settings.clear()
    settings.sync()
    yield
    settings.clear()
    settings.sync()


@pytest.fixture
def dark(qapp):
    """The app in the dark scheme, as a dark system gives it; light again afterwards for
    the other tests."""
    from PySide6.QtGui import QPalette

    from medlemsvard_app.ui import style

    before = QPalette(qapp.palette())
    style.apply_style(qapp)
    style.apply_scheme(qapp, True)
    yield qapp
    style.apply_scheme(qapp, False)
    qapp.setPalette(before)
    qapp.setStyleSheet("")


@pytest.fixture
def main_window(qtbot, session):
    """The whole window, active; closed only once its pages' background loads have ended
    (a page deleted with a load under way never hears that it ended)."""
    from medlemsvard_app.ui.main_window import MainWindow
    from medlemsvard_app.ui.notifier import RecordingNotifier

    win = MainWindow(session, RecordingNotifier())
    win.show()
    win.activateWindow()  # shortcuts act in the active window
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    yield win
    for page in (win.home_page, win.calls_page, win.dues_page, win.welcome_page):
        qtbot.waitUntil(lambda p=page: not p.is_loading(), timeout=30000)
    win.close()
    win.deleteLater()
    qtbot.wait(10)
