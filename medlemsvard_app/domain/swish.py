"""The Swish payment QR code's text, in Swish's public "C" format (DOMAIN §5):

    C<payee>;<amount>;<message>;<lock mask>

The amount in kronor with a decimal comma, the message URL-encoded (the OCR reference goes
there, so the payment can be matched), lock-mask bits payee 1, amount 2, message 4 (a set
bit = the payer may change it). The code is made offline; nothing is sent anywhere.
"""

from __future__ import annotations

from urllib.parse import quote

#: Swish's generator allows 70 characters of message; 50 is the safe length in practice.
MAX_MESSAGE = 50
EDITABLE_PAYEE, EDITABLE_AMOUNT, EDITABLE_MESSAGE = 1, 2, 4


def swish_number(text: str) -> str:
    """The digits of a Swish number as people write it ("123 456 78 90")."""
    return "".join(ch for ch in text if ch.isdigit())


def swish_payload(payee: str, amount_ore: int | None, message: str = "",
                  editable: int = 0) -> str:
    """The QR text; ``amount_ore`` None leaves the amount empty (the payer types it)."""
    number = swish_number(payee)
    if not number:
        raise ValueError("no Swish number")
    if amount_ore is None:
        amount = ""
    else:
        if amount_ore < 0:
            raise ValueError("negative amount")
        amount = f"{amount_ore // 100},{amount_ore % 100:02d}"
    text = message.strip()[:MAX_MESSAGE]
    return f"C{number};{amount};{quote(text, safe='')};{int(editable) & 7}"
