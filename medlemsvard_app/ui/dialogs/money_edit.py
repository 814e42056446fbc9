"""A field for an amount of money as people type it (``360``, ``360,50``), kept in öre/øre.

The text is read with ``domain.money.parse_amount`` so the card, the settings and the
command line agree on what an amount is; the currency is shown beside the field.
"""

from __future__ import annotations

from babel.numbers import get_currency_symbol, get_decimal_symbol
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from medlemsvard_app.domain.money import kronor, parse_amount
from medlemsvard_app.i18n import current_locale


def amount_text(amount: int) -> str:
    """Öre as the user would type them: ``360`` or ``360,50`` (the locale's decimal mark)."""
    return kronor(amount).replace(".", get_decimal_symbol(current_locale()))


def currency_symbol(currency: str) -> str:
    """"kr" for SEK and NOK in Swedish and Norwegian; the code where Babel has nothing better."""
    try:
        return get_currency_symbol(currency, locale=current_locale())
    except (ValueError, LookupError):
        return currency


class MoneyEdit(QWidget):
    """A line edit for kronor/kroner with the currency after it; ``amount()`` gives öre."""

    def __init__(self, currency: str = "SEK", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setMaximumWidth(130)
        self.suffix = QLabel(currency_symbol(currency))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.edit)
        row.addWidget(self.suffix)
        row.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text()

    def amount(self) -> int:
        """The amount in öre; raises ``DomainError('amount_invalid')`` for anything else."""
        return parse_amount(self.edit.text())

    def amount_or_none(self) -> int | None:
        """None for an empty field, else as ``amount()``."""
        return None if not self.edit.text().strip() else self.amount()

    def set_amount(self, amount: int | None) -> None:
        self.edit.setText("" if amount is None else amount_text(amount))
