"""The only package that speaks SQL. Importing it selects the SQLite library (driver.py)."""

from medlemsvard_app.storage import driver as _driver  # noqa: F401  (before sqlite-utils)
