from medlemsvard_app.domain.collation import sort_key


def test_swedish_letters_come_after_z_in_their_own_order():
    names = ["Öberg", "Zetterberg", "Åberg", "Ärlig", "Andersson", "Ødegaard", "Éclair"]
    ordered = sorted(names, key=lambda n: sort_key(n, "SE"))
    assert ordered == ["Andersson", "Éclair", "Zetterberg", "Åberg", "Ärlig", "Öberg",
                       "Ødegaard"]


def test_norwegian_order_is_ae_oe_aa():
    names = ["Åsen", "Østby", "Ærø", "Zahl", "Aas", "Berg"]
    assert sorted(names, key=lambda n: sort_key(n, "NO")) == ["Berg", "Zahl", "Ærø", "Østby",
                                                               "Aas", "Åsen"]


def test_case_does_not_matter():
    assert sort_key("ÖBERG", "SE") == sort_key("öberg", "SE")


def test_months_before_keeps_the_calendar():
    from datetime import date

    from medlemsvard_app.domain.dates import months_before

    assert months_before(date(2026, 11, 25), 12) == date(2025, 11, 25)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
