"""Which column of someone else's member list holds which of our fields.

Headers are compared after folding case, accents, spaces and punctuation, so 'E-post',
'e post' and 'EPOST' are one header, as are 'Födelsedatum' and 'Fodelsedatum'. Our own
field codes are headers too, so an exported file maps back onto itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: Member fields a file can fill, in the order the import wizard lists them.
FIELD_CODES: tuple[str, ...] = (
    "member_number", "given_name", "family_name", "call_name", "full_name", "birth_date",
    "identity_number", "gender", "street", "co", "postal_code", "city", "postal_address",
    "country", "phone", "phone_alt", "email", "joined_on", "status", "left_on",
    "leave_reason", "leave_note", "join_method", "join_channel", "preferred_channel",
    "newsletter_consent_on", "sms_consent_on", "do_not_call", "protected_identity", "notes",
    "interests", "skills",
)
#: Fields that hold a person's name (a row needs one of them filled).
NAME_FIELDS = ("given_name", "family_name", "full_name")

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ð": "d", "þ": "th"})

# Normalised header -> field code (see ``normalise_header``).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "member_number": ("medlemsnummer", "medlemsnr", "medlnr", "mednr", "medlemnr",
                      "medlemsid", "nr", "nummer", "membernumber", "memberno", "memberid",
                      "membershipnumber", "medlemsnummeret"),
    "given_name": ("fornamn", "fornavn", "firstname", "givenname", "forename", "first",
                   "fornamnen", "forenames"),
    "family_name": ("efternamn", "etternavn", "etternamn", "lastname", "surname",
                    "familyname", "familjenamn", "slektsnavn", "last"),
    "call_name": ("tilltalsnamn", "tilltal", "kallenavn", "callname", "preferredname",
                  "nickname", "smeknamn", "kallas"),
    "full_name": ("namn", "navn", "name", "fullname", "fulltnamn", "fulltnavn",
                  "fullstendignavn", "medlemsnamn", "medlemsnavn", "fulltnamnet"),
    "birth_date": ("fodelsedatum", "fodelsedag", "fodd", "fodselsdato", "fodt", "fodtdato",
                   "fodselsdag", "birthdate", "dateofbirth", "dob", "born", "birthday"),
    "identity_number": ("personnummer", "personnr", "pnr", "persnr", "fodselsnummer",
                        "fodselsnr", "fnr", "personalidentitynumber", "identitynumber",
                        "personalnumber", "ssn", "nationalid", "samordningsnummer",
                        "dnummer", "personnummerfodelsenummer"),
    "gender": ("kon", "kjonn", "gender", "sex"),
    "street": ("adress", "address", "gatuadress", "gata", "street", "streetaddress",
               "adresse", "gateadresse", "postadresse", "utdelningsadress", "bostadsadress",
               "adress1", "address1", "addressline1", "adresse1", "adresselinje1",
               "hemadress", "boadress"),
    "co": ("co", "careof", "coadress", "coadresse", "coaddress"),
    "postal_code": ("postnr", "postnummer", "zip", "zipcode", "postcode", "postalcode",
                    "postkod", "postnummeret"),
    "city": ("ort", "postort", "stad", "city", "town", "sted", "poststed", "postort1",
             "bostadsort", "hemort", "bosted"),
    "postal_address": ("postadress", "postnrort", "postnummerochort", "postnrochort",
                       "postnrsted", "postnummerogsted", "postnrogsted", "postnumreort",
                       "ziptown", "postcodetown", "postcodecity"),
    "country": ("land", "country", "nation", "landskod", "landkode", "countrycode"),
    "phone": ("telefon", "tel", "telefonnummer", "telnr", "telefonnr", "phone",
              "phonenumber", "telephone", "mobil", "mobilnummer", "mobiltelefon", "mobilnr",
              "mobile", "mobilephone", "cell", "cellphone", "mobiltlf", "tlf", "tlfnr",
              "mobiltelefonnummer", "mobilnummeret"),
    "phone_alt": ("telefon2", "tel2", "phone2", "alttelefon", "alternativtelefon",
                  "hemtelefon", "telefonhem", "bostadstelefon", "arbetstelefon",
                  "telefonarbete", "annantelefon", "telefonjobb", "tlfjobb", "tlf2",
                  "homephone", "workphone", "otherphone", "mobil2", "telefonprivat",
                  "tlfprivat", "telefonbostad"),
    "email": ("epost", "epostadress", "email", "emailaddress", "mail", "mejl",
              "mejladress", "epostadresse", "emailadresse", "emailadress", "mailadress",
              "mailadresse"),
    "joined_on": ("intradesdatum", "intradd", "intrade", "medlemsedan", "innmeldt",
                  "innmeldtdato", "innmeldingsdato", "medlemsiden", "innmeldtdatum",
                  "joined", "joindate", "joinedon", "datejoined", "membersince",
                  "startdatum", "startdato", "blevmedlem", "blemedlem", "medlemfran",
                  "medlemfra", "invald", "inskriven"),
    "status": ("status", "medlemsstatus", "medlemstatus", "membershipstatus",
               "memberstatus", "medlemskap"),
    "left_on": ("uttradesdatum", "uttradd", "avslutad", "avslutsdatum", "utmeldt",
                "utmeldtdato", "utmeldingsdato", "sluttdato", "left", "leftdate",
                "dateleft", "enddate", "slutdatum", "leavedate", "leftdatum",
                "utgangsdatum"),
    "leave_reason": ("uttradesorsak", "orsak", "anledning", "avslutsorsak", "arsak",
                     "utmeldingsarsak", "utmeldingsgrunn", "leavereason", "reason",
                     "reasonforleaving"),
    "leave_note": ("uttradeskommentar", "utmeldingskommentar", "leavecomment"),
    "join_method": ("joinmethod", "rekrytering", "rekruttering"),
    "join_channel": ("kanal", "varvningskanal", "rekryteringskanal", "vervekanal",
                     "rekrutteringskanal", "channel", "joinchannel", "recruitmentchannel"),
    "preferred_channel": ("kontaktsatt", "kontaktvag", "foretrukkenkanal",
                          "foretrukketkontaktmate", "preferredchannel", "contactby"),
    "newsletter_consent_on": ("nyhetsbrevsamtycke", "samtyckenyhetsbrev",
                              "newsletterconsent"),
    "sms_consent_on": ("smssamtycke", "samtyckesms", "smsconsent"),
    "do_not_call": ("ringinte", "ikkering", "donotcall", "dontcall", "ejring"),
    "protected_identity": ("skyddadidentitet", "sekretessmarkering", "skyddadepersonuppgifter",
                           "fortroligadresse", "sperretadresse", "protectedidentity"),
    "notes": ("anteckningar", "anteckning", "kommentar", "kommentarer", "notering",
              "noteringar", "ovrigt", "notes", "note", "comment", "comments", "remarks",
              "merknad", "merknader", "notat", "notater", "info", "information"),
    "interests": ("intressen", "intresse", "interesser", "interests", "interest",
                  "intresseomraden", "engagemang"),
    "skills": ("kompetens", "kompetenser", "kunskaper", "ferdigheter", "kompetanse",
               "skills", "skill", "kan", "kanbidramed"),
}


def normalise_header(header: object) -> str:
    """Fold a header for comparison: 'E-post ' -> 'epost', 'Fødselsdato' -> 'fodselsdato'."""
    text = str(header or "").casefold().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", text)


def _build_lookup() -> dict[str, str]:
    lookup = {normalise_header(code): code for code in FIELD_CODES}
    for code, names in _SYNONYMS.items():
        for name in names:
            lookup.setdefault(name, code)
    return lookup


_LOOKUP = _build_lookup()


def field_for_header(header: object) -> str | None:
    """The field a header names on its own, or None."""
    return _LOOKUP.get(normalise_header(header))


def suggest_mapping(headers: Sequence[str]) -> dict[str, str | None]:
    """Header -> field code (or None). Each field is used once: the first column wins.

    A second phone column becomes the other phone; a full name column is used only when
    the file has no separate given and family names.
    """
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        code = field_for_header(header)
        if code == "phone" and "phone" in taken:
            code = "phone_alt"
        if code in taken:
            code = None
        mapping[header] = code
        if code:
            taken.add(code)
    if "full_name" in taken and ("given_name" in taken or "family_name" in taken):
        mapping = {h: (None if c == "full_name" else c) for h, c in mapping.items()}
    return mapping


def recognised_count(cells: Sequence[object]) -> int:
    """How many cells of a row are headers we know (to find the header row)."""
    return sum(1 for c in cells if field_for_header(c))
