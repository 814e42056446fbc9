"""Medlemsvård: member care for small Swedish and Norwegian associations."""

__version__ = "0.1.0"
