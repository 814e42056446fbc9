"""Crash safety shown by a test (issue 9 item 3): SIGKILL at random moments, many times.

Real ``python -m medlemsvard_app`` processes import members, import payments, strike off
and record a payment; each is killed at a random moment around its writing phase. After
every kill the file must pass integrity_check and hold exactly the before or the after
state. CRASH_KILLS=N scales the number of kills (default 60, about a minute on 2 cores).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time

import pytest

from tests.crash.conftest import REPORT
from tests.crash.harness import Operation, Outcome, kill_runs

pytestmark = pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"),
                                reason="needs SIGKILL (POSIX)")

PASS = "kill harness passphrase"


def _cli(home, *argv, passphrase=None):
    env = dict(os.environ, MEDLEMSVARD_DATA_DIR=str(home / "data"),
               MEDLEMSVARD_CONFIG_DIR=str(home / "config"), LANGUAGE="en")
    env.pop("MEDLEMSVARD_PASSPHRASE", None)
    if passphrase:
        env["MEDLEMSVARD_PASSPHRASE"] = passphrase
    out = subprocess.run([sys.executable, "-m", "medlemsvard_app", *map(str, argv)],
                         env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_sigkill_never_leaves_half_a_change(tmp_path):
    started = time.monotonic()
    scale = int(os.environ.get("CRASH_KILLS", "60")) / 60
    home = tmp_path
    base = home / "base.sqlite"
    _cli(home, "demo", "--db", base, "--members", 400, "--seed", 3, "--yes")
    members = home / "members.csv"
    with members.open("w", encoding="utf-8") as f:
        f.write("Förnamn;Efternamn;Postnummer;Ort;E-post\n")
        for i in range(2000):
            f.write(f"Namn{i};Efternamn{i};12345;Ort;person{i}@example.se\n")
    payments = home / "payments.csv"
    with payments.open("w", encoding="utf-8") as f:
        f.write("Datum;Belopp;Medlemsnr\n")
        for number in range(1, 380):
            f.write(f"2026-11-20;360;{number}\n")
    encrypted = home / "encrypted.sqlite"
    shutil.copyfile(base, encrypted)
    (home / "pass.txt").write_text(PASS + "\n", encoding="utf-8")
    _cli(home, "passphrase", "set", "--db", encrypted, "--new-passphrase-file",
         home / "pass.txt")

    operations = [
        (base, Operation("import", ["import", str(members), "--db", "{db}"], 18)),
        (base, Operation("payments import", ["payments", "import", str(payments),
                                             "--db", "{db}"], 14)),
        (base, Operation("strike-off", ["strike-off", "--db", "{db}", "--yes"], 12)),
        (base, Operation("pay", ["pay", "--db", "{db}", "--member", "5", "--amount", "360"],
                         6)),
        (encrypted, Operation("import (encrypted file)",
                              ["import", str(members), "--db", "{db}"], 10, PASS)),
    ]
    outcome = Outcome()
    rng = random.Random(int(os.environ.get("CRASH_SEED", "20261125")))
    for source, op in operations:
        op.kills = max(1, round(op.kills * scale))
        kill_runs(op, source, home, outcome, rng)

    seconds = time.monotonic() - started
    REPORT.append(
        f"kills: {outcome.kills} (per operation: {dict(outcome.per_operation)}); "
        f"before-states: {outcome.before}; after-states: {outcome.after} "
        f"(of which finished before the signal: {outcome.finished}); timed inside the "
        f"writing phase: {outcome.in_writing_phase}; half-states: "
        f"{len(outcome.half)}; damaged: {len(outcome.damaged)}; after-states whose log "
        f"entry is missing: {outcome.audit_lag}; {seconds:.0f} s")
    print(REPORT[-1])
    assert not outcome.damaged, outcome.damaged
    assert not outcome.half, outcome.half
    assert outcome.kills >= round(50 * scale)
    # the kills must really land in the writing phase, not only before it
    assert outcome.before > 0 and outcome.after - outcome.finished > 0
