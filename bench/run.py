"""Speed benchmark of the register at 100,000 members, as ratios against bare code.

    python bench/run.py            # full run (100,000 members; a few minutes)
    python bench/run.py --only dues  # one stage (dues: states against a bare GROUP BY)
    python bench/run.py --only labels  # 10,000 labels against a bare ReportLab canvas
    python bench/run.py --only letters  # 1,000 welcome letters against bare ReportLab
    python bench/run.py --only encryption  # the 100,000 file plain vs encrypted (SQLCipher)
    python bench/run.py --only indicators  # every indicator over the 100,000-member demo
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
from datetime import date, timedelta
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


def stage_dues(workdir: str, members: int, repeats: int) -> dict:
    """Every member's dues state with ten years of payments (a tenth of the members on
    direct debit, a withdrawal every month), built with the repository's bulk insert,
    against a bare ``GROUP BY`` that finds each member's last paid period."""
    import gc
    import random
    from collections import Counter

    from medlemsvard_app.domain.dues_calendar import default_calendar
    from medlemsvard_app.domain.dues_state import DuesRules, MandateStatus
    from medlemsvard_app.domain.models import Member
    from medlemsvard_app.domain.payments import (
        MandateEvent,
        Payment,
        PaymentKind,
        PaymentMethod,
        PaymentSource,
    )
    from medlemsvard_app.services.session import create_session, open_session
    from medlemsvard_app.storage.dues import DuesRepository

    target = Path(workdir) / "dues.sqlite"
    for p in Path(workdir).glob("dues.sqlite*"):
        p.unlink()
    start = time.perf_counter()
    rng = random.Random(3)
    session = create_session(target, "Bench", "SE", "sv", today=lambda: TODAY)
    first = TODAY.year - 9  # ten dues years, 2017-2026
    calendar = default_calendar("SE", tracked_from=first)
    repo = DuesRepository(session.db, annual_fee=calendar.annual_fee)
    repo.save_calendar_settings(calendar.to_dict())
    span = (TODAY - date(TODAY.year - 14, 1, 1)).days
    people = [Member(given_name=f"Medlem{i}", family_name=f"Efternamn{i % 997}",
                     joined_on=TODAY - timedelta(days=rng.randrange(span)),
                     phone=f"070{i:07d}")
              for i in range(members)]
    people.sort(key=lambda m: m.joined_on)
    session.members.add_many(people)
    monthly = calendar.annual_fee // 12
    payments: list[Payment] = []
    events: list[MandateEvent] = []
    count = 0
    with session.db.atomic():
        for m in people:
            joined = m.joined_on
            intro = calendar.intro_periods(joined)
            if intro[-1] >= first and rng.random() < 0.97:
                paid_on = min(TODAY, joined + timedelta(days=rng.randint(0, 20)))
                payments.append(Payment(m.id, paid_on,
                                        calendar.intro_fee, intro[0], intro[-1],
                                        PaymentMethod.SWISH, PaymentKind.INTRO, "", "",
                                        PaymentSource.IMPORT))
            periods = range(max(first, intro[-1] + 1), TODAY.year + 1)
            direct_debit = rng.random() < 0.1 and len(periods) > 1
            dd_from = rng.choice(periods[1:]) if direct_debit else TODAY.year + 1
            for period in periods:
                if period >= dd_from:
                    break
                if rng.random() < 0.05:
                    continue  # skipped a year
                paid_on = date(period, 2, 1) + timedelta(days=rng.randint(0, 120))
                payments.append(Payment(m.id, paid_on, calendar.annual_fee, period, period,
                                        PaymentMethod.BANK_GIRO, PaymentKind.ANNUAL, "", "",
                                        PaymentSource.IMPORT))
            if direct_debit:
                events.append(MandateEvent(m.id, date(dd_from, 1, 10), MandateStatus.ACTIVE))
                day = date(dd_from, 1, 28)
                while day <= TODAY:
                    payments.append(Payment(m.id, day, monthly, day.year, day.year,
                                            PaymentMethod.DIRECT_DEBIT, PaymentKind.ANNUAL, "",
                                            "", PaymentSource.IMPORT))
                    day = date(day.year + day.month // 12, day.month % 12 + 1, 28)
            if len(payments) >= 50_000:
                repo.add_payments(payments, refresh=False)
                count += len(payments)
                payments = []
        repo.add_payments(payments, refresh=False)
        count += len(payments)
        repo.add_mandate_events(events)
        repo.rebuild_periods()
    build = time.perf_counter() - start
    # Measure the file as the app opens it: reopened, its write-ahead log checkpointed, and
    # without the build's 100,000 member objects for the garbage collector to walk.
    del people, payments, events
    gc.collect()
    session.close()
    session = open_session(target, today=lambda: TODAY)
    repo = DuesRepository(session.db, annual_fee=calendar.annual_fee)

    dues = session.dues()
    earlier = date(TODAY.year, 3, 15)  # payments dated after it exist: the "as of" path

    def timed(fn) -> list[float]:
        out = []
        for _ in range(repeats):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
        return out

    ours = timed(lambda: dues.states(TODAY))
    bare = timed(repo.last_paid_periods)
    facts = timed(lambda: repo.facts(TODAY))
    earlier_ms = timed(lambda: dues.states(earlier))
    # The February round: everyone callable, split among 20 callers who keep their members.
    from medlemsvard_app.domain.calls import RoundPurpose, open_windows, split_among

    calls = session.calls()
    caller_ids = [calls.add_caller(f"Ringare {i}").id for i in range(20)]
    february = date(TODAY.year, 2, 10)
    window = next(w for w in open_windows(calendar, calls.schedule(), february)
                  if w.purpose is RoundPurpose.INVOICE_ALL)

    def february_round() -> None:
        ids = calls.selection(RoundPurpose.INVOICE_ALL, february, window)
        split_among(ids, caller_ids, calls.repo.previous_callers(ids))

    calls_ms = timed(february_round)
    facts_now = repo.facts(TODAY)
    classify = timed(lambda: DuesRules(calendar, TODAY).classify(facts_now))
    states = dues.states(TODAY)
    counts = Counter(s.state.value for s in states.values())
    session.close()
    return {"build_s": build, "payments": count, "members": len(states), "ours_ms": ours,
            "bare_ms": bare, "facts_ms": facts, "classify_ms": classify,
            "earlier_ms": earlier_ms, "earlier": earlier.isoformat(), "counts": dict(counts),
            "calls_ms": calls_ms}


def _label_lines(count: int) -> list[list[str]]:
    """Deterministic addresses as the labels print them: Nordic letters, a c/o now and then,
    a long one every 50th, a foreign one every 40th."""
    import random

    rng = random.Random(11)
    given = ["Åsa", "Örjan", "Märta", "Bjørn", "Máret", "Łukasz", "Ayşe", "Karl", "Anna", "Per"]
    family = ["Öberg", "Åström", "Lindqvist", "Ødegård", "Áŋŋir", "Żółkiewski", "Yılmaz", "Ek"]
    streets = ["Storgatan", "Byvägen", "Kungsgatan", "Järnvägsgatan", "Skolvägen", "Torget"]
    towns = ["VÄSTERÅS", "STOCKHOLM", "GÖTEBORG", "ÖREBRO", "LULEÅ", "MALMÖ"]
    out = []
    for i in range(count):
        name = f"{rng.choice(given)} {rng.choice(family)}"
        if i % 50 == 0:
            name = f"{name}-{rng.choice(family)} von {rng.choice(family)}-{rng.choice(family)}"
        lines = [name]
        if i % 9 == 0:
            lines.append(f"c/o {rng.choice(given)} {rng.choice(family)}")
        lines.append(f"{rng.choice(streets)} {rng.randint(1, 120)} lgh {rng.randint(1001, 1404)}")
        code = rng.randint(10000, 98999)
        lines.append(f"{code // 100} {code % 100:02d}  {rng.choice(towns)}")
        if i % 40 == 0:
            lines.append("NORGE")
        out.append(lines)
    return out


def stage_labels(count: int, repeats: int, db: str = "") -> dict:
    """10,000 labels on a 3×8 70×37 sheet: ours (documents/labels.py: fitting each label,
    DejaVu embedded) against a bare ReportLab canvas drawing the same lines with the same
    font at fixed places."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from medlemsvard_app.documents.labels import build_labels
    from medlemsvard_app.paths import resources_dir
    from medlemsvard_app.services.labels import builtin_sheets

    sheet = next(s for s in builtin_sheets() if s.id == "70x37")
    lines = _label_lines(count)
    pdfmetrics.registerFont(TTFont("BareSans", str(resources_dir() / "fonts" /
                                                   "DejaVuSans.ttf")))

    def bare() -> bytes:
        import io

        buffer = io.BytesIO()
        c = Canvas(buffer, pagesize=A4, pageCompression=1)
        for n, label in enumerate(lines):
            slot = n % 24
            if n and slot == 0:
                c.showPage()
            row, col = divmod(slot, 3)
            x = (col * 70 + 5) * mm
            y = A4[1] - (row * 37.125 + 8) * mm
            c.setFont("BareSans", 10)
            for line in label:
                c.drawString(x, y, line)
                y -= 11.8
        c.showPage()
        c.save()
        return buffer.getvalue()

    ours_s, bare_s = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        ours_pdf = build_labels(sheet, lines)
        ours_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare_pdf = bare()
        bare_s.append(time.perf_counter() - t)
    result = {"ours_s": ours_s, "bare_s": bare_s, "labels": count,
              "ours_kb": len(ours_pdf) // 1024, "bare_kb": len(bare_pdf) // 1024}
    if db:  # the whole batch as the app makes it: members read, formatted, laid out
        from medlemsvard_app.services.session import open_session

        session = open_session(Path(db), today=lambda: TODAY)
        ids = session.register().search_ids("", ["current"], today=TODAY)[:count]
        t = time.perf_counter()
        made = session.labels().make(ids, sheet)
        result["service_s"] = time.perf_counter() - t
        result["service_labels"] = made.labels
        session.close()
    return result


def stage_indicators(db: str, repeats: int) -> dict:
    """Every indicator for a year ending today over the demo file (15 years of joins and
    exits, calls, payments): ``IndicatorService.figures``, dues states included; and the
    indicators page's whole snapshot (two periods, chart series, projection)."""
    import gc

    from medlemsvard_app.services.session import open_session

    session = open_session(Path(db), today=lambda: TODAY)
    service = session.indicators()
    service.figures(TODAY)  # warm the page cache, as the page's second look would be
    gc.collect()

    def timed(fn) -> list[float]:
        out = []
        for _ in range(repeats):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
        return out

    figures_ms = timed(lambda: service.figures(TODAY))
    dues_ms = timed(lambda: service.dues_counts(TODAY))
    snapshot_ms = timed(lambda: service.snapshot(TODAY))
    figures = service.figures(TODAY)
    first = service.flows().first_day()
    session.close()
    return {"figures_ms": figures_ms, "dues_ms": dues_ms, "snapshot_ms": snapshot_ms,
            "members": figures["member_count"], "first": str(first)}


def _indicator_figures(db: str, repeats: int, report) -> None:
    ind = _child("indicators", db, repeats)
    ours = statistics.median(ind["figures_ms"])
    report("all indicators", f"{ours:.0f} ms for every figure of the year to today, "
           f"{ind['members']:,} members, history from {ind['first']} (of which dues states "
           f"{statistics.median(ind['dues_ms']):.0f} ms; target ≤ 500 ms)", ours <= 500)
    report("indicators page snapshot", f"{statistics.median(ind['snapshot_ms']):.0f} ms "
           "(two periods, chart series, projection; in the background, no target)", None)


def stage_letters(count: int, repeats: int) -> dict:
    """1,000 one-page welcome letters: ours (merge fields, address lines, the window
    preset, letterhead, footer, DejaVu embedded: documents/letter.py) against a bare
    ReportLab script drawing the same content at fixed places with the same font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from medlemsvard_app.documents.letter import (
        ContactCard,
        Letter,
        Letterhead,
        LetterLayout,
        build_letters,
    )
    from medlemsvard_app.domain.addresses import AddressStyle, Recipient, address_lines
    from medlemsvard_app.domain.envelopes import preset
    from medlemsvard_app.domain.letters import merge, paragraphs
    from medlemsvard_app.i18n.letter_texts import default_template
    from medlemsvard_app.paths import resources_dir

    people = _label_lines(count)
    tpl = default_template("welcome", "sv")
    cards = [ContactCard("Ordförande", "Åke Ödmark", "070-111 22 33", "ake@example.se"),
             ContactCard("Kassör", "Máret Áŋŋir", "070-222 33 44", "maret@example.se"),
             ContactCard("Medlemsansvarig", "Ayşe Yılmaz", "070-333 44 55", "ayse@example.se")]
    head = Letterhead("Föreningen Framåt Västerås", None,
                      ["Stationsgatan 15", "722 21  VÄSTERÅS", "021-12 34 56"],
                      "Föreningen Framåt · Stationsgatan 15 · 722 21 Västerås", cards)
    shared = {"association": head.name, "membership_officer": "Ayşe Yılmaz",
              "next_activities": "• 3 december kl. 18:00, Julfika, Folkets hus\n"
                                 "• 12 januari kl. 19:00, Medlemsmöte, Föreningslokalen",
              "board_contacts": "\n".join(f"{c.role}: {c.name}, {c.phone}, {c.email}"
                                          for c in cards)}
    style = AddressStyle("SE")

    def ours() -> bytes:
        def letters():
            for n, lines in enumerate(people):
                name = lines[0]
                values = {**shared, "call_name": name.split()[0], "member_number": str(n + 1)}
                merged = merge(tpl, values)
                postal = lines[-2] if lines[-1] == "NORGE" else lines[-1]
                address = address_lines(Recipient(name, lines[1], "", postal[:6], postal[8:]),
                                        style)
                yield Letter(address, merged.subject, merged.body, merged.signature,
                             [f"Medlemsnummer {n + 1}", "Västerås 25 november 2026"])
        return build_letters(head, letters(), LetterLayout(preset("DIN-A")))

    pdfmetrics.registerFont(TTFont("BareLetter", str(resources_dir() / "fonts" /
                                                     "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("BareLetterBold", str(resources_dir() / "fonts" /
                                                         "DejaVuSans-Bold.ttf")))
    body_style = ParagraphStyle("b", fontName="BareLetter", fontSize=10.5, leading=14.2)

    def bare() -> bytes:
        import io

        buffer = io.BytesIO()
        c = Canvas(buffer, pagesize=A4, pageCompression=1)
        top = A4[1]
        for n, lines in enumerate(people):
            values = {**shared, "call_name": lines[0].split()[0], "member_number": str(n + 1)}
            c.setFont("BareLetterBold", 15)
            c.drawString(20 * mm, top - 19 * mm, head.name)
            c.setFont("BareLetter", 8)
            for i, line in enumerate(head.lines):
                c.drawRightString(190 * mm, top - (12 + i * 3.6) * mm, line)
            c.setFont("BareLetter", 7)
            c.drawString(25 * mm, top - 42.5 * mm, head.return_address)
            c.setFont("BareLetter", 10)
            for i, line in enumerate(lines):
                c.drawString(25 * mm, top - (48.7 + i * 4.2) * mm, line)
            c.drawString(125 * mm, top - 57 * mm, f"Medlemsnummer {n + 1}")
            c.drawString(125 * mm, top - 61.6 * mm, "Västerås 25 november 2026")
            y = top - 86 * mm
            c.setFont("BareLetterBold", 11.5)
            c.drawString(25 * mm, y - 11.5, tpl.subject.format(**values))
            y -= 15 + 4 * mm
            for para in paragraphs(tpl.body.format(**values)):
                p = Paragraph("<br/>".join(para), body_style)
                _w, h = p.wrapOn(c, 165 * mm, 200 * mm)
                p.drawOn(c, 25 * mm, y - h)
                y -= h + 3.2 * mm
            c.setFont("BareLetter", 10.5)
            for line in tpl.signature.format(**values).splitlines():
                c.drawString(25 * mm, y - 10.5, line)
                y -= 14.2
            c.setFont("BareLetter", 7.5)
            for i, card in enumerate(cards):
                x = (20 + i * 56.7) * mm
                for j, text in enumerate((card.role, card.name, card.phone, card.email)):
                    c.drawString(x, top - (262 + 3.2 * j) * mm, text)
            c.showPage()
        c.save()
        return buffer.getvalue()

    ours_s, bare_s = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        ours_pdf = ours()
        ours_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare_pdf = bare()
        bare_s.append(time.perf_counter() - t)
    return {"ours_s": ours_s, "bare_s": bare_s, "letters": count,
            "ours_kb": len(ours_pdf) // 1024, "bare_kb": len(bare_pdf) // 1024}

STAGES = {"build": stage_build, "import": stage_import, "bare_import": stage_bare_import,
          "gui": stage_gui, "dues": stage_dues, "labels": stage_labels}
STAGES["letters"] = stage_letters
STAGES["indicators"] = stage_indicators


def stage_encryption(db: str, repeats: int) -> dict:
    """The same 100,000-member file plain and encrypted (SQLCipher, a copy re-keyed with
    services.security): opening, searching as you type, a full count, saving a member."""
    import shutil

    os.environ.setdefault("MEDLEMSVARD_DATA_DIR", str(Path(db).parent / "data"))
    from medlemsvard_app.domain.models import Member
    from medlemsvard_app.services import security
    from medlemsvard_app.services.session import open_session

    passphrase = "bench passphrase"
    encrypted = str(Path(db).with_name("encrypted.sqlite"))
    shutil.copyfile(db, encrypted)
    start = time.perf_counter()
    security.change_passphrase(encrypted, None, passphrase)
    encrypt_s = time.perf_counter() - start
    out: dict = {"encrypt_s": encrypt_s, "size_plain": os.path.getsize(db),
                 "size_encrypted": os.path.getsize(encrypted)}
    from medlemsvard_app.storage import encryption

    encryption._keys.clear()  # the first opening pays for the key derivation, as in the app
    runs = {"plain": (db, None), "encrypted": (encrypted, passphrase)}
    times = {label: ([], [], [], []) for label in runs}
    for repeat in range(repeats):  # alternating, so neither gets the warmer cache
        for label in (("plain", "encrypted") if repeat % 2 == 0 else ("encrypted", "plain")):
            path, key = runs[label]
            opens, searches, counts, saves = times[label]
            t = time.perf_counter()
            session = open_session(path, lambda: TODAY, passphrase=key, daily_backup=False)
            session.association  # noqa: B018 - the first read
            opens.append((time.perf_counter() - t) * 1000)
            register = session.register()
            for term in SEARCHES[:8]:
                t = time.perf_counter()
                register.search_ids(term, ["current"], today=TODAY)
                searches.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            register.count(["current"])
            counts.append((time.perf_counter() - t) * 1000)
            for i in range(20):
                t = time.perf_counter()
                register.save(Member(given_name=f"Bench{i}", family_name="Krypto",
                                     joined_on=TODAY))
                saves.append((time.perf_counter() - t) * 1000)
            session.close()
    from medlemsvard_app.services.backups import backup_now

    for label, (path, key) in runs.items():  # a backup, as made on opening and before imports
        session = open_session(path, lambda: TODAY, passphrase=key, daily_backup=False)
        t = time.perf_counter()
        backup_now(session, "manual")
        out[f"backup_s_{label}"] = time.perf_counter() - t
        session.close()
    for label, (opens, searches, counts, saves) in times.items():
        # the first opening derives the key from the passphrase (PBKDF2); later ones in the
        # same process reuse it
        out[label] = {"first_open_ms": opens[0], "open_ms": opens[1:] or opens,
                      "search_ms": searches, "count_ms": counts, "save_ms": saves}
    return out


STAGES["encryption"] = stage_encryption


def _encryption_figures(db: str, repeats: int, report) -> None:
    enc = _child("encryption", db, repeats)
    plain, crypt = enc["plain"], enc["encrypted"]
    report("encrypting the file", f"{enc['encrypt_s']:.1f} s for "
           f"{enc['size_plain'] / 1e6:.0f} MB (no target)", None)
    report("encrypted first open", f"{crypt['first_open_ms']:.0f} ms (key derivation) vs "
           f"plain {plain['first_open_ms']:.0f} ms (no target)", None)
    report("backup (VACUUM INTO)", f"encrypted {enc['backup_s_encrypted']:.1f} s vs plain "
           f"{enc['backup_s_plain']:.1f} s (no target)", None)
    for key, name in (("open_ms", "open"), ("search_ms", "search as you type"),
                      ("count_ms", "count current members"), ("save_ms", "save a member")):
        p, c = statistics.median(plain[key]), statistics.median(crypt[key])
        report(f"encrypted {name}", f"{c:.1f} ms vs plain {p:.1f} ms = "
               f"{c / max(p, 0.001):.2f}x (no target)", None)


def _child(stage: str, *args: object) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--stage", stage, *map(str, args)],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"stage {stage} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _dues_figures(work: str, members: int, repeats: int, report) -> None:
    dues = _child("dues", work, members, repeats)
    ours, bare = statistics.median(dues["ours_ms"]), statistics.median(dues["bare_ms"])
    ratio = ours / max(bare, 0.001)
    full = members >= 50_000
    report("dues data", f"{dues['members']:,} current members, {dues['payments']:,} payments "
           f"over ten years, built in {dues['build_s']:.1f} s", None)
    report("dues states today",
           f"{ours:.0f} ms (facts {statistics.median(dues['facts_ms']):.0f} ms + rules "
           f"{statistics.median(dues['classify_ms']):.0f} ms) vs bare GROUP BY of the last paid "
           f"period {bare:.0f} ms = {ratio:.2f}x (target ≤ 300 ms and ≤ 2x"
           f"{'' if full else '; the ratio counted at 100,000 only'})",
           ours <= 300 and (ratio <= 2 or not full))
    report("dues states as of an earlier day",
           f"{statistics.median(dues['earlier_ms']):.0f} ms as of {dues['earlier']} (no target)",
           None)
    calls = statistics.median(dues["calls_ms"])
    report("february calling round", f"{calls:.0f} ms to choose the round and split it among "
           "20 callers (target ≤ 300 ms)", calls <= 300 or not full)
    report("dues states per state", ", ".join(f"{k} {v:,}" for k, v in
                                               sorted(dues["counts"].items())), None)


def _labels_figures(count: int, repeats: int, report, db: str = "") -> None:
    labels = _child("labels", count, repeats, *([db] if db else []))
    ours, bare = statistics.median(labels["ours_s"]), statistics.median(labels["bare_s"])
    ratio = ours / max(bare, 0.001)
    report("labels", f"{labels['labels']:,} labels (70×37, fitted, DejaVu embedded) in "
           f"{ours:.2f} s vs bare ReportLab canvas {bare:.2f} s = {ratio:.2f}x "
           f"(target ≤ 1.5x; {labels['ours_kb']:,} KB vs {labels['bare_kb']:,} KB)",
           ratio <= 1.5)
    if "service_s" in labels:
        report("labels from the register", f"{labels['service_labels']:,} labels read, "
               f"formatted and laid out in {labels['service_s']:.2f} s (no target)", None)


def _letters_figures(count: int, repeats: int, report) -> None:
    letters = _child("letters", count, repeats)
    ours, bare = statistics.median(letters["ours_s"]), statistics.median(letters["bare_s"])
    ratio = ours / max(bare, 0.001)
    report("letters", f"{letters['letters']:,} one-page welcome letters (merged, DIN-A window, "
           f"DejaVu embedded) in {ours:.2f} s vs bare ReportLab {bare:.2f} s = {ratio:.2f}x "
           f"(target ≤ 1.5x; {letters['ours_kb']:,} KB vs {letters['bare_kb']:,} KB)",
           ratio <= 1.5)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 members, fewer repeats")
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--only", choices=["dues", "labels", "indicators", "letters",
                                           "encryption"],
                        help="run one stage only")
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

    if args.only == "dues":
        with tempfile.TemporaryDirectory(prefix="medlemsvard-bench-") as work:
            _dues_figures(work, members, repeats, report)
        print(f"targets met: {sum(ok for _n, ok in results)}/{len(results)}")
        return 0
    if args.only == "indicators":
        with tempfile.TemporaryDirectory(prefix="medlemsvard-bench-") as work:
            db = str(Path(work) / "bench.sqlite")
            _child("build", db, members)
            _indicator_figures(db, repeats, report)
        print(f"targets met: {sum(ok for _n, ok in results)}/{len(results)}")
        return 0
    if args.only == "encryption":
        with tempfile.TemporaryDirectory(prefix="medlemsvard-bench-") as work:
            db = str(Path(work) / "bench.sqlite")
            _child("build", db, members)
            _encryption_figures(db, repeats, report)
        print(f"targets met: {sum(ok for _n, ok in results)}/{len(results)}")
        return 0
    if args.only == "letters":
        _letters_figures(1000, 3, report)
        print(f"targets met: {sum(ok for _n, ok in results)}/{len(results)}")
        return 0
    if args.only == "labels":
        _labels_figures(10_000, 3, report)
        print(f"targets met: {sum(ok for _n, ok in results)}/{len(results)}")
        return 0

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

        _dues_figures(work, members, repeats, report)
        _labels_figures(10_000, 3, report, db)
        _letters_figures(1000, 3, report)
        _indicator_figures(db, repeats, report)
    report("bench wall time", f"{time.perf_counter() - started:.0f} s (target ≤ 300 s)",
           time.perf_counter() - started <= 300)
    met = sum(ok for _n, ok in results)
    print(f"targets met: {met}/{len(results)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
