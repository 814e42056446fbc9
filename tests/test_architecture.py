"""The layer rules, checked: a rule nothing checks decays (ARCHITECTURE §7.1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "medlemsvard_app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _modules():
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def test_only_ui_imports_qt():
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules()
                 if {"PySide6", "shiboken6"} & _imports(p)
                 and p.relative_to(PACKAGE).parts[0] != "ui"]
    assert offenders == []


def test_only_storage_imports_sqlite():
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules()
                 if {"sqlite3", "sqlite_utils"} & _imports(p)
                 and p.relative_to(PACKAGE).parts[0] != "storage"]
    assert offenders == []


def test_storage_takes_sqlite3_from_the_driver():
    """One SQLite library for plain and encrypted files (storage/driver.py)."""
    offenders = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "storage").rglob("*.py")
                 if p.name != "driver.py" and "sqlite3" in _imports(p)]
    assert offenders == []


def test_domain_imports_no_other_layer():
    for p in (PACKAGE / "domain").rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        for layer in ("storage", "services", "ui", "documents", "i18n"):
            assert f"medlemsvard_app.{layer}" not in text, (p, layer)


def test_non_gui_layers_load_without_qt():
    code = (
        "import sys\n"
        "import medlemsvard_app.cli, medlemsvard_app.services.session\n"
        "import medlemsvard_app.services.register, medlemsvard_app.services.importing\n"
        "import medlemsvard_app.services.exporting, medlemsvard_app.services.demo\n"
        "import medlemsvard_app.i18n.messages, medlemsvard_app.domain.validation\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_the_app_opens_no_network_socket():
    """No module of ours asks for an internet socket (Qt's D-Bus uses AF_UNIX)."""
    for p in _modules():
        text = p.read_text(encoding="utf-8")
        assert "AF_INET" not in text and "urllib.request" not in text, p
        assert "QNetworkAccessManager" not in text and "requests" not in _imports(p), p


def test_without_a_screen_the_gui_command_explains_instead_of_aborting(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                             "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "medlemsvard_app", "--db",
                          str(tmp_path / "x.sqlite"), "--language", "sv"],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 1
    assert "Ingen skärm hittades" in out.stderr and "Traceback" not in out.stderr
