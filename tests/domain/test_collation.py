from medlemsvard_app.domain.collation import sort_key


def test_swedish_letters_come_after_z_in_their_own_order():
    names = ["Öberg", "Zetterberg", "Åberg", "Ärlig", "Andersson", "Ødegaard", "Éclair"]
    ordered = sorted(names, key=lambda n: sort_key(n, "SE"))
    assert ordered == ["Andersson", "Éclair", "Zetterberg", "Åberg", "Ärlig", "Öberg",
                       "Ødegaard"]


def test_norwegian_order_is_ae_oe_aa():
    names = ["Åsen", "Østby", "Ærø", "Zahl", "Aas"]
    assert sorted(names, key=lambda n: sort_key(n, "NO")) == ["Aas", "Zahl", "Ærø", "Østby",
                                                               "Åsen"]


def test_case_does_not_matter():
    assert sort_key("ÖBERG", "SE") == sort_key("öberg", "SE")
