"""The SWOT board: four quadrants of short cards, kept as dated analyses.

Strengths and weaknesses describe the association itself (internal); opportunities and
threats describe the world around it (external). The moves here are the ones the board
view, its drag and drop and its keyboard shortcuts all use, so each is tested once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from medlemsvard_app.domain.errors import DomainError


class Quadrant(StrEnum):
    STRENGTHS = "strengths"
    WEAKNESSES = "weaknesses"
    OPPORTUNITIES = "opportunities"
    THREATS = "threats"

    @property
    def internal(self) -> bool:
        return self in (Quadrant.STRENGTHS, Quadrant.WEAKNESSES)


#: The board as drawn: (row, column) for each quadrant. Internal on top, helpful on the left.
GRID: dict[Quadrant, tuple[int, int]] = {
    Quadrant.STRENGTHS: (0, 0), Quadrant.WEAKNESSES: (0, 1),
    Quadrant.OPPORTUNITIES: (1, 0), Quadrant.THREATS: (1, 1),
}

MAX_CARD_LENGTH = 500


def neighbour(quadrant: Quadrant, d_row: int, d_col: int) -> Quadrant:
    """The quadrant one step away on the 2×2 board; the same one at an edge."""
    row, col = GRID[quadrant]
    row, col = min(1, max(0, row + d_row)), min(1, max(0, col + d_col))
    return next(q for q, pos in GRID.items() if pos == (row, col))


@dataclass(slots=True)
class SwotCard:
    text: str
    quadrant: Quadrant
    id: int | None = None


@dataclass(slots=True)
class SwotAnalysis:
    """One analysis, held on a day; cards keep their order within each quadrant."""

    held_on: date
    title: str = ""
    note: str = ""
    cards: list[SwotCard] = field(default_factory=list)
    id: int | None = None

    def in_quadrant(self, quadrant: Quadrant) -> list[SwotCard]:
        return [c for c in self.cards if c.quadrant is quadrant]

    def add(self, quadrant: Quadrant, text: str) -> SwotCard:
        card = SwotCard(clean_card_text(text), quadrant)
        self.cards.append(card)
        return card

    def remove(self, card: SwotCard) -> None:
        del self.cards[_index(self.cards, card)]

    def move_within(self, card: SwotCard, delta: int) -> bool:
        """Move a card up (-1) or down (+1) among its quadrant's cards; False at an end."""
        same = self.in_quadrant(card.quadrant)
        index = _index(same, card)
        target = index + delta
        if not 0 <= target < len(same):
            return False
        return self.move_to(card, card.quadrant, target)

    def move_to(self, card: SwotCard, quadrant: Quadrant, index: int | None = None) -> bool:
        """Put a card at ``index`` of a quadrant (the end when None); False if nothing moved."""
        before = [id(c) for c in self.cards], card.quadrant
        del self.cards[_index(self.cards, card)]
        card.quadrant = quadrant
        others = self.in_quadrant(quadrant)
        if index is None or index >= len(others):
            anchor = others[-1] if others else None
            pos = (_index(self.cards, anchor) + 1) if anchor is not None else len(self.cards)
        else:
            pos = _index(self.cards, others[max(0, index)])
        self.cards.insert(pos, card)
        return ([id(c) for c in self.cards], card.quadrant) != before


def _index(cards: list[SwotCard], card: SwotCard) -> int:
    """Position by identity: two cards may carry the same text."""
    for i, c in enumerate(cards):
        if c is card:
            return i
    raise ValueError("card not on the board")


def clean_card_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DomainError("swot_card_empty")
    if len(cleaned) > MAX_CARD_LENGTH:
        raise DomainError("swot_card_too_long", limit=MAX_CARD_LENGTH)
    return cleaned
