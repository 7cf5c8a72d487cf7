"""Shares as people read them, the same in every output."""

from __future__ import annotations

from decimal import Decimal


def percent(share: float) -> str:
    """A 0..1 share as whole percents, from the two decimals the CSV prints, so a report and
    the tables never round one share two ways (0.225 is "0.23" there and 23% here, where
    rounding the float would give 22%)."""
    return f"{int(Decimal(f'{share:.2f}') * 100)}%"
