"""Leverage: negotiation preparation for the weaker side, in one local case file."""

__version__ = "0.1.0"
