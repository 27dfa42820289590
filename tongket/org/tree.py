"""Derived fields of a unit: where it sits in the tree and how it sorts and is found."""

from tongket.org.models import Unit
from tongket.vn.text import fold, normalize, sort_key


def place(unit: Unit) -> None:
    """Set level and path from the parent; the unit must already have a primary key."""
    parent = unit.parent
    unit.level = parent.level + 1 if parent else 1
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"


def index_text(unit: Unit) -> None:
    unit.name = normalize(unit.name.strip())
    unit.sort_key = sort_key(unit.name)
    unit.search_key = fold(unit.name)
