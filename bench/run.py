"""Speed benchmark of the register at 100,000 members, as ratios against bare code.

    python bench/run.py            # full run (100,000 members; a few minutes)
    python bench/run.py --quick    # small smoke run (5,000 members)

Each stage runs in its own process so peak memory and imported modules are its own.
Times in milliseconds are medians of at least five repeats. Prints one line per figure
and a last line ``targets met: N/M``. Never used as a test assertion: the machine is shared.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 25)
SEARCHES = ["ö", "öb", "öbe", "and", "anders", "st", "stor", "sven", "k", "kar", "070",
            "lind", "eri", "joh", "berg", "xq", "ma", "upps", "ni", "nils"]


# -- stages (each runs in a child process) ------------------------------------------------

def stage_build(db: str, members: int) -> dict:
    from medlemsvard_app.services.demo import create_demo

    start = time.perf_counter()
    session = create_demo(Path(db), members=members, country="SE", seed=7, today=TODAY,
                          replace=True)
    build = time.perf_counter() - start
    from medlemsvard_app.services.exporting import export_members

    ids = session.register().search_ids("", [], today=TODAY)  # everyone: a 100,000-row file
    out = Path(db).with_suffix(".csv")
    export_members(session, ids, out)
    session.close()
    return {"build_s": build, "csv": str(out)}


def stage_import(csv_path: str, workdir: str) -> dict:
    from medlemsvard_app.services.importing import (
        commit_import,
        prepare_import,
        read_table,
        suggest_mapping,
    )
    from medlemsvard_app.services.session import create_session

    target = Path(workdir) / "imported.sqlite"
    for p in Path(workdir).glob("imported.sqlite*"):
        p.unlink()
    start = time.perf_counter()
    session = create_session(target, "Bench", "SE", "sv", today=lambda: TODAY)
    table = read_table(Path(csv_path))
    plan = prepare_import(session, table, suggest_mapping(table.headers))
    result = commit_import(session, plan, skip_invalid=True, allow_duplicates=True)
    session.close()
    elapsed = time.perf_counter() - start
    qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))
    return {"import_s": elapsed, "imported": result.imported, "qt_modules": qt}


def stage_bare_import(csv_path: str, workdir: str) -> dict:
    """The same rows parsed and checked with the same libraries, and inserted with raw
    ``executemany`` into a file with the same tables and indexes (copied untimed from an
    empty association): what remains between this and ours is what our layers add."""
    import phonenumbers
    from stdnum.se import postnummer

    template = Path(workdir) / "template.sqlite"
    target = Path(workdir) / "bare.sqlite"
    for p in Path(workdir).glob("bare.sqlite*"):
        p.unlink()
    src = sqlite3.connect(template)
    ddl = [r[0] for r in src.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'member_search_%'"
        " AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'")]
    src.close()
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=WAL")
    for statement in ddl:
        conn.execute(statement)

    start = time.perf_counter()
    email_re = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
    rows, search, tags = [], [], []
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        col = {h: i for i, h in enumerate(next(reader))}
        for number, r in enumerate(reader, start=1):
            given, family = r[col["given_name"]].strip(), r[col["family_name"]].strip()
            phone = r[col["phone"]].lstrip("'")
            if phone:
                parsed = phonenumbers.parse(phone, "SE")
                phonenumbers.is_valid_number(parsed)
                phone = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            postal = r[col["postal_code"]]
            if postal:
                postnummer.is_valid(postal)
            email = r[col["email"]].strip()
            if email:
                email_re.match(email)
            born = r[col["birth_date"]] or None
            if born:
                date.fromisoformat(born)
            joined = r[col["joined_on"]] or None
            if joined:
                date.fromisoformat(joined)
            street, city = r[col["street"]].strip(), r[col["city"]].strip()
            rows.append((number, number, given, family, born, street, postal, city, "SE", phone,
                         email, joined, family.casefold(), given.casefold(), street.casefold(),
                         city.casefold()))
            search.append((number, f"{given} {family} {number} {email} {street} {city} {phone}"))
            for kind, column in (("interest", "interests"), ("skill", "skills")):
                tags += [(number, kind, t.strip()) for t in r[col[column]].split(",") if t.strip()]
    with conn:
        conn.executemany(
            "INSERT INTO members (id, member_number, given_name, family_name, birth_date, street,"
            " postal_code, city, country, phone, email, joined_on, family_key, given_key,"
            " street_key, city_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT INTO member_search (rowid, body) VALUES (?, ?)", search)
        conn.executemany(
            "INSERT OR IGNORE INTO member_tags (member_id, kind, tag) VALUES (?, ?, ?)", tags)
    conn.close()
    return {"bare_s": time.perf_counter() - start, "rows": len(rows)}


def stage_gui(db: str, repeats: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from medlemsvard_app.services.session import open_session
    from medlemsvard_app.ui.pages.register_page import RegisterPage

    app = QApplication([])
    session = open_session(Path(db), today=lambda: TODAY)
    page = RegisterPage(session)
    page.resize(1200, 800)
    page.show()
    page.table.viewport().repaint()
    app.processEvents()
    first_paint = time.perf_counter() - t0

    repo = session.members

    def key(ch: str) -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(page.search_edit, QKeyEvent(
                kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))

    keystrokes: list[float] = []
    sql_alone: list[float] = []
    for _ in range(repeats):
        for term in SEARCHES:
            page.search_edit.setText(term[:-1])
            app.processEvents()
            start = time.perf_counter()
            key(term[-1])
            page.table.viewport().repaint()
            app.processEvents()
            keystrokes.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            repo.query_ids(search=term, filters=["current"], sort="family_name", today=TODAY)
            sql_alone.append((time.perf_counter() - start) * 1000)
    page.search_edit.setText("")
    app.processEvents()

    sorts: list[float] = []
    family = page.model.sort_code
    for i in range(max(5, repeats)):
        start = time.perf_counter()
        page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder if i % 2 == 0
                                else Qt.SortOrder.AscendingOrder)
        page.table.viewport().repaint()
        app.processEvents()
        sorts.append((time.perf_counter() - start) * 1000)
    assert page.model.sort_code == family
    rows = page.model.rowCount()
    session.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"first_paint_s": first_paint, "keystrokes_ms": keystrokes, "sql_ms": sql_alone,
            "sort_ms": sorts, "rows": rows, "peak_mb": peak_mb}


STAGES = {"build": stage_build, "import": stage_import, "bare_import": stage_bare_import,
          "gui": stage_gui}


def _child(stage: str, *args: object) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--stage", stage, *map(str, args)],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"stage {stage} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 members, fewer repeats")
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        name, *rest = args.stage
        rest = [int(x) if x.isdigit() else x for x in rest]
        print(json.dumps(STAGES[name](*rest)))
        return 0

    members = args.members or (5000 if args.quick else 100_000)
    repeats = 5
    import_repeats = 1 if args.quick else 3
    started = time.perf_counter()
    results: list[tuple[str, bool]] = []

    def report(name: str, text: str, ok: bool | None) -> None:
        mark = "" if ok is None else ("  [met]" if ok else "  [MISSED]")
        print(f"{name}: {text}{mark}", flush=True)
        if ok is not None:
            results.append((name, ok))

    with tempfile.TemporaryDirectory(prefix="medlemsvard-bench-") as work:
        db = str(Path(work) / "bench.sqlite")
        build = _child("build", db, members)
        report("demo build", f"{members:,} members in {build['build_s']:.1f} s (target ≤ 60 s "
               "at 100,000)", build["build_s"] <= 60 * members / 100_000 + 2)

        from medlemsvard_app.services.session import create_session

        create_session(Path(work) / "template.sqlite", "Template", "SE", "sv").close()
        ours, bare = [], []
        for _ in range(import_repeats):
            imp = _child("import", build["csv"], work)
            ours.append(imp["import_s"])
            bare.append(_child("bare_import", build["csv"], work)["bare_s"])
        ratio = statistics.median(ours) / statistics.median(bare)
        report("csv import", f"{imp['imported']:,} rows in {statistics.median(ours):.2f} s vs "
               f"bare pipeline {statistics.median(bare):.2f} s = {ratio:.2f}x (target ≤ 1.5x)",
               ratio <= 1.5)
        report("import loads Qt", "no" if not imp["qt_modules"] else ", ".join(imp["qt_modules"]),
               not imp["qt_modules"])

        gui = _child("gui", db, repeats)
        keys, sql = gui["keystrokes_ms"], gui["sql_ms"]
        med, p95 = statistics.median(keys), _pct(keys, 0.95)
        kratio = med / max(statistics.median(sql), 0.001)
        report("first paint", f"{gui['first_paint_s'] * 1000:.0f} ms from process start, "
               f"{gui['rows']:,} rows (target ≤ 1000 ms)", gui["first_paint_s"] <= 1.0)
        report("keystroke median", f"{med:.1f} ms over {len(keys)} keys (target ≤ 60 ms)",
               med <= 60)
        report("keystroke p95", f"{p95:.1f} ms (target ≤ 150 ms)", p95 <= 150)
        # At a few thousand rows the query takes under a millisecond and the fixed cost of
        # repainting the table dominates: the ratio is a target at 100,000 only.
        full = members >= 50_000
        report("keystroke vs SQL alone", f"{med:.1f} ms vs {statistics.median(sql):.1f} ms = "
               f"{kratio:.2f}x (target ≤ 3x{'' if full else ', counted at 100,000 only'})",
               kratio <= 3 if full else None)
        smed = statistics.median(gui["sort_ms"])
        report("sort by family name", f"{smed:.0f} ms median of {len(gui['sort_ms'])} "
               "(target ≤ 300 ms)", smed <= 300)
        report("peak memory (register process)", f"{gui['peak_mb']:.0f} MB (target ≤ 400 MB)",
               gui["peak_mb"] <= 400)
    report("bench wall time", f"{time.perf_counter() - started:.0f} s (target ≤ 300 s)",
           time.perf_counter() - started <= 300)
    met = sum(ok for _n, ok in results)
    print(f"targets met: {met}/{len(results)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
