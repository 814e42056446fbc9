import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from medlemsvard_app.ui.main_window import app_settings  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_settings():
    """Each GUI test starts without remembered window layout or last database."""
    settings = app_settings()
    settings.clear()
    settings.sync()
    yield
    settings.clear()
    settings.sync()
