"""The app's default wording of each letter, in Swedish, Norwegian (bokmål) and English.

These are per-language strings, not gettext messages, on purpose: a letter is the
association's own text that it edits and stores (storage/letters.py), its language is
chosen per batch independently of the app's language (a Swedish-speaking secretary may
send an English welcome), and "reset to default" must bring back exactly the text that
was shown. Long prose as msgids would also be brittle for translators. Field names in
braces are the merge fields of domain/letters.py and are never translated.
"""

from __future__ import annotations

from medlemsvard_app.domain.letters import LetterTemplate

# (subject, body, signature) per template and language.
_TEXTS: dict[str, dict[str, tuple[str, str, str]]] = {
    "welcome": {
        "sv": (
            "Välkommen till {association}!",
            "Hej {call_name}!\n\n"
            "Vad roligt att du har blivit medlem i {association}. Ditt medlemsnummer är "
            "{member_number}.\n\n"
            "Hos oss kan du vara med så mycket eller så lite som du vill. Kom gärna på något "
            "av det här:\n{next_activities}\n\n"
            "Har du frågor, idéer eller vill du bara säga hej? Hör av dig till någon av oss i "
            "styrelsen:\n{board_contacts}\n\n"
            "Vi hörs snart!",
            "Varma hälsningar\n{membership_officer}\nmedlemsansvarig, {association}",
        ),
        "nb": (
            "Velkommen til {association}!",
            "Hei {call_name}!\n\n"
            "Så hyggelig at du har blitt medlem i {association}. Medlemsnummeret ditt er "
            "{member_number}.\n\n"
            "Hos oss kan du være med så mye eller så lite du vil. Bli gjerne med på noe av "
            "dette:\n{next_activities}\n\n"
            "Har du spørsmål, ideer eller vil du bare si hei? Ta kontakt med en av oss i "
            "styret:\n{board_contacts}\n\n"
            "Vi snakkes snart!",
            "Varme hilsener\n{membership_officer}\nmedlemsansvarlig, {association}",
        ),
        "en": (
            "Welcome to {association}!",
            "Hello {call_name},\n\n"
            "We are so glad you have joined {association}. Your membership number is "
            "{member_number}.\n\n"
            "You can take part as much or as little as you like. Do come along to one of "
            "these:\n{next_activities}\n\n"
            "Questions, ideas, or just want to say hello? Get in touch with any of us on the "
            "board:\n{board_contacts}\n\n"
            "See you soon!",
            "Warm regards\n{membership_officer}\nMembership officer, {association}",
        ),
    },
    "thanks": {
        "sv": (
            "Tack för att du är med!",
            "Hej {call_name}!\n\n"
            "Vi vill bara säga tack. Ditt medlemskap gör att {association} kan fortsätta "
            "med det vi gör, och det betyder mycket för oss.\n\n"
            "Snart händer det här:\n{next_activities}\n\n"
            "Du är alltid välkommen att höra av dig till oss i styrelsen.",
            "Med tacksamma hälsningar\n{chair}\nordförande, {association}",
        ),
        "nb": (
            "Takk for at du er med!",
            "Hei {call_name}!\n\n"
            "Vi vil bare si takk. Medlemskapet ditt gjør at {association} kan fortsette med "
            "det vi gjør, og det betyr mye for oss.\n\n"
            "Snart skjer dette:\n{next_activities}\n\n"
            "Du er alltid velkommen til å ta kontakt med oss i styret.",
            "Med takknemlige hilsener\n{chair}\nleder, {association}",
        ),
        "en": (
            "Thank you for being with us!",
            "Hello {call_name},\n\n"
            "We simply want to say thank you. Your membership keeps {association} going, "
            "and it means a lot to us.\n\n"
            "Coming up soon:\n{next_activities}\n\n"
            "You are always welcome to get in touch with us on the board.",
            "With grateful regards\n{chair}\nChair, {association}",
        ),
    },
    "dues_reminder": {
        "sv": (
            "En vänlig påminnelse om medlemsavgiften",
            "Hej {call_name}!\n\n"
            "Vi har inte sett din medlemsavgift till {association} ännu. Det kan lätt "
            "glömmas bort, så här kommer en vänlig påminnelse.\n\n"
            "Avgiften är {fee}. Betala gärna senast {due_date} och ange referensen "
            "{reference}, så vet vi att det är du som har betalat.\n\n"
            "Har du redan betalat? Då har våra brev korsats, och du kan bortse från det här. "
            "Om något är oklart är du välkommen att höra av dig.",
            "Vänliga hälsningar\n{membership_officer}\nmedlemsansvarig, {association}",
        ),
        "nb": (
            "En vennlig påminnelse om kontingenten",
            "Hei {call_name}!\n\n"
            "Vi har ikke sett kontingenten din til {association} ennå. Det er lett å glemme, "
            "så her kommer en vennlig påminnelse.\n\n"
            "Kontingenten er {fee}. Betal gjerne innen {due_date} og bruk KID {reference}, "
            "så vet vi at det er du som har betalt.\n\n"
            "Har du allerede betalt? Da har brevene våre krysset hverandre, og du kan se bort "
            "fra dette. Er noe uklart, er du velkommen til å ta kontakt.",
            "Vennlig hilsen\n{membership_officer}\nmedlemsansvarlig, {association}",
        ),
        "en": (
            "A friendly reminder about your membership fee",
            "Hello {call_name},\n\n"
            "We have not seen your membership fee for {association} yet. It is easily "
            "forgotten, so here is a friendly reminder.\n\n"
            "The fee is {fee}. Please pay by {due_date} and give the reference {reference}, "
            "so we know the payment is yours.\n\n"
            "Already paid? Then our letters have crossed and you can ignore this one. If "
            "anything is unclear, just get in touch.",
            "Kind regards\n{membership_officer}\nMembership officer, {association}",
        ),
    },
    "direct_debit": {
        "sv": (
            "Betala medlemsavgiften med autogiro",
            "Hej {call_name}!\n\n"
            "Visste du att du kan betala medlemsavgiften till {association} med autogiro? "
            "Då dras avgiften automatiskt varje år, och du slipper tänka på det.\n\n"
            "Du startar autogiro i din internetbank eller på blanketten som följer med det "
            "här brevet. Ditt betalarnummer är ditt medlemsnummer, {member_number}.\n\n"
            "Du kan när som helst avsluta autogirot. Hör av dig om du vill ha hjälp!",
            "Vänliga hälsningar\n{membership_officer}\nmedlemsansvarig, {association}",
        ),
        "nb": (
            "Betal kontingenten med AvtaleGiro",
            "Hei {call_name}!\n\n"
            "Visste du at du kan betale kontingenten til {association} med AvtaleGiro? Da "
            "trekkes kontingenten automatisk hvert år, og du slipper å tenke på det.\n\n"
            "Du oppretter AvtaleGiro i nettbanken din med KID {reference}. Du velger selv "
            "beløpsgrensen og kan si opp avtalen når du vil.\n\n"
            "Ta kontakt hvis du vil ha hjelp!",
            "Vennlig hilsen\n{membership_officer}\nmedlemsansvarlig, {association}",
        ),
        "en": (
            "Pay your membership fee by direct debit",
            "Hello {call_name},\n\n"
            "Did you know you can pay your membership fee for {association} by direct "
            "debit? The fee is then paid automatically each year, and you need not think "
            "about it.\n\n"
            "You can set it up in your online bank or with the form that comes with this "
            "letter. Your payer number is your membership number, {member_number}.\n\n"
            "You can stop the direct debit whenever you like. Get in touch if you would "
            "like a hand!",
            "Kind regards\n{membership_officer}\nMembership officer, {association}",
        ),
    },
    "new_member_meeting": {
        "sv": (
            "Välkommen på träff för nya medlemmar",
            "Hej {call_name}!\n\n"
            "Vi bjuder in alla nya medlemmar i {association} till en träff där du får "
            "träffa andra medlemmar och oss i styrelsen, höra vad vi gör och berätta vad "
            "du själv vill vara med på.\n\n"
            "{next_meeting}\n\n"
            "Det bjuds på fika. Säg gärna till om du kommer, men du är välkommen även om "
            "du inte hunnit anmäla dig.",
            "Hjärtligt välkommen!\n{membership_officer}\nmedlemsansvarig, {association}",
        ),
        "nb": (
            "Velkommen til treff for nye medlemmer",
            "Hei {call_name}!\n\n"
            "Vi inviterer alle nye medlemmer i {association} til et treff der du møter "
            "andre medlemmer og oss i styret, hører hva vi driver med og forteller hva du "
            "selv har lyst til å være med på.\n\n"
            "{next_meeting}\n\n"
            "Det blir kaffe og noe å bite i. Si gjerne fra om du kommer, men du er "
            "velkommen også uten påmelding.",
            "Hjertelig velkommen!\n{membership_officer}\nmedlemsansvarlig, {association}",
        ),
        "en": (
            "You are invited: a get-together for new members",
            "Hello {call_name},\n\n"
            "We are inviting every new member of {association} to a get-together: meet "
            "other members and the board, hear what we do, and tell us what you would "
            "like to be part of.\n\n"
            "{next_meeting}\n\n"
            "There will be coffee and something to eat. Let us know if you are coming, "
            "but you are welcome even if you have not signed up.",
            "A warm welcome!\n{membership_officer}\nMembership officer, {association}",
        ),
    },
}


def default_template(template: str, language: str) -> LetterTemplate:
    """The app's own text for a template in a language (English if the language is not
    one the app writes letters in)."""
    per_language = _TEXTS[template]
    subject, body, signature = per_language.get(language) or per_language["en"]
    return LetterTemplate(template, language if language in per_language else "en",
                          subject, body, signature)
