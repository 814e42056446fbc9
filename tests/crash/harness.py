"""Kill real ``medlemsvard`` processes with SIGKILL and look at what they leave behind.

Each operation is first run to the end from a known file (the *before* state) to learn
its *after* state and when it starts writing (the first byte in the WAL journal). Then it
is started again and again from the before state and killed at a random moment around its
writing phase; after each kill the file is opened the way the app opens it, must pass
``PRAGMA integrity_check`` and must hold exactly the before or the after state.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from medlemsvard_app.storage.database import connect

#: columns that hold the moment a row was written: they differ between two runs
_CLOCK_COLUMNS = {"at", "created_at", "updated_at", "applied_at", "recorded_at"}
#: the log of who did what is compared separately (``Outcome.audit_lag``)
_LOG_TABLES = {"audit_log"}


def fingerprint(path: Path, passphrase: str | None = None, *, with_log: bool = False
                ) -> tuple[str, list[str]]:
    """(a hash of every table's content, integrity problems), opened as the app opens it."""
    db = connect(path, passphrase=passphrase)
    try:
        problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()
                    if r[0] != "ok"]
        digest = hashlib.sha256()
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").fetchall()]
        for table in tables:
            if table in _LOG_TABLES and not with_log:
                continue
            if table.startswith("_sqlite_migrations"):
                continue
            columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")').fetchall()
                       if r[1] not in _CLOCK_COLUMNS]
            if not columns:
                continue
            select = ", ".join(f'"{c}"' for c in columns)
            digest.update(table.encode())
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            for row in db.execute(f'SELECT {select} FROM "{table}" ORDER BY {order}'):
                digest.update(repr(row).encode())
    finally:
        db.close()
    return digest.hexdigest(), problems


@dataclass
class Operation:
    name: str
    argv: list[str]  # after ``python -m medlemsvard_app``; {db} is replaced
    kills: int
    passphrase: str | None = None


@dataclass
class Outcome:
    kills: int = 0
    before: int = 0
    after: int = 0
    finished: int = 0  # the process ended before the signal came
    half: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    audit_lag: int = 0  # data as after, log entry missing
    in_writing_phase: int = 0  # kills timed after the first write was seen (or planned so)
    per_operation: Counter = field(default_factory=Counter)


def _env(home: Path, passphrase: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["MEDLEMSVARD_DATA_DIR"] = str(home / "data")
    env["MEDLEMSVARD_CONFIG_DIR"] = str(home / "config")
    env["LANGUAGE"] = "en"
    env.pop("MEDLEMSVARD_PASSPHRASE", None)
    if passphrase:
        env["MEDLEMSVARD_PASSPHRASE"] = passphrase
    return env


def _reset(base: Path, db: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copyfile(base, db)


def _command(op: Operation, db: Path) -> list[str]:
    return [sys.executable, "-m", "medlemsvard_app",
            *[a.replace("{db}", str(db)) for a in op.argv]]


def _trim_backups(home: Path) -> None:
    """The safety copies made before each bulk change pile up: keep the folder small."""
    for f in (home / "data").rglob("*before_*"):
        f.unlink(missing_ok=True)
    for f in (home / "data").rglob("*.partial"):
        f.unlink(missing_ok=True)


def reference_run(op: Operation, base: Path, home: Path) -> tuple[float, float, str, str]:
    """Run to the end: (seconds until the first write, seconds in all, after hash,
    after hash with the log)."""
    db = home / "work.sqlite"
    _reset(base, db)
    wal = Path(str(db) + "-wal")
    start = time.monotonic()
    proc = subprocess.Popen(_command(op, db), env=_env(home, op.passphrase),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first_write = None
    while proc.poll() is None:
        if first_write is None and wal.exists() and wal.stat().st_size > 0:
            first_write = time.monotonic() - start
        time.sleep(0.002)
    total = time.monotonic() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise AssertionError(f"{op.name} failed: {err}")
    after, _problems = fingerprint(db, op.passphrase)
    after_log, _problems = fingerprint(db, op.passphrase, with_log=True)
    return (first_write if first_write is not None else total * 0.7), total, after, after_log


def kill_runs(op: Operation, base: Path, home: Path, outcome: Outcome,
              rng: random.Random) -> None:
    before, _p = fingerprint(base, op.passphrase)
    before_log, _p = fingerprint(base, op.passphrase, with_log=True)
    first_write, total, after, after_log = reference_run(op, base, home)
    assert before != after, f"{op.name} changed nothing"
    db = home / "work.sqlite"
    # A transaction is built in memory and reaches the WAL journal at COMMIT; at close the
    # journal is copied into the file (checkpoint). So: 40 % of the runs are watched until
    # the first byte reaches the journal and killed within the next 0.15 s (commit,
    # checkpoint, exit: this adapts to a busy machine where starting Python takes longer);
    # 35 % are killed in the 0.3 s before the reference run's first write (the work in
    # memory, the commit); the rest anywhere from before the first write to just after the end.
    low, high = max(0.05, first_write - 0.15), total + 0.05
    writing = max(0.01, total - first_write)
    wal = Path(str(db) + "-wal")
    for i in range(op.kills):
        _reset(base, db)
        _trim_backups(home)
        pick = rng.random()
        watched = pick < 0.4
        if watched:
            delay = rng.uniform(0, min(0.15, 0.8 * writing))
        elif pick < 0.75:
            delay = rng.uniform(max(0.05, first_write - 0.3), first_write + 0.05)
        else:
            delay = rng.uniform(low, high)
        proc = subprocess.Popen(_command(op, db), env=_env(home, op.passphrase),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if watched:
            deadline = time.monotonic() + 10 * total
            while (proc.poll() is None and time.monotonic() < deadline
                   and not (wal.exists() and wal.stat().st_size > 0)):
                time.sleep(0.001)
            if proc.poll() is None:
                outcome.in_writing_phase += 1
        elif first_write <= delay <= total:
            outcome.in_writing_phase += 1
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        else:
            outcome.finished += 1
        proc.wait()
        outcome.kills += 1
        outcome.per_operation[op.name] += 1
        label = f"{op.name} #{i} at {delay:.3f}s"
        try:
            state, problems = fingerprint(db, op.passphrase)
            state_log, _p = fingerprint(db, op.passphrase, with_log=True)
        except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
            keep = home / f"damaged-{len(outcome.damaged)}"
            keep.mkdir(exist_ok=True)
            for f in db.parent.glob(db.name + "*"):
                shutil.copy2(f, keep / f.name)
            outcome.damaged.append(f"{label}: {type(exc).__name__}: {exc} (kept in {keep})")
            continue
        if problems:
            outcome.damaged.append(f"{label}: {problems[:3]}")
        if state == before:
            outcome.before += 1
            if state_log != before_log:
                outcome.half.append(f"{label}: log written without the change")
        elif state == after:
            outcome.after += 1
            if state_log != after_log:
                outcome.audit_lag += 1
        else:
            outcome.half.append(f"{label}: neither before nor after")
