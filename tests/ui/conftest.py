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
