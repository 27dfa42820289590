"""Figures and periods written for the reader's language."""

from decimal import Decimal

from django import template

from tongket.analytics.charts import format_number
from tongket.analytics.queries import page_language
from tongket.analytics.rollup import Span

register = template.Library()


@register.filter
def number(value: Decimal | int | float | None) -> str:
    """27.066 and 75,3 in Vietnamese pages; a dash for no value."""
    return format_number(value, page_language())


@register.filter
def span_label(span: Span) -> str:
    """ "Giai đoạn 2019–2023", "Quý I/2023"."""
    return span.label(page_language())
