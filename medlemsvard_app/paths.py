"""Where resources, catalogs and the user's own database live.

The only module that knows the layout: an installed wheel carries ``resources`` and
``translations`` inside the package, a checkout keeps them at the repository root.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent


def _locate(name: str) -> Path:
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _REPO_ROOT / name


def resources_dir() -> Path:
    return _locate("resources")


def translations_dir() -> Path:
    return _locate("translations")


def user_data_dir() -> Path:
    """The per-user folder that holds the default database (platform conventions)."""
    override = os.environ.get("MEDLEMSVARD_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("Medlemsvard", appauthor=False)


def default_database_path() -> Path:
    return user_data_dir() / "medlemsvard.sqlite"
