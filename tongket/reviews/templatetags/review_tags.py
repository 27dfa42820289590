from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from tongket.reviews.content import Figure

register = template.Library()


@register.simple_tag
def run(item: object) -> str:
    """A piece of review text: a figure becomes a link to the values behind it."""
    if not isinstance(item, Figure):
        return format_html("{}", item)
    query = urlencode(
        {"unit": item.unit.code, "indicator": item.indicator.code, "period": item.span}
    )
    return format_html(
        '<a class="figure" href="{}?{}" title="{}">{}</a>',
        reverse("analytics:sources"),
        query,
        f"[{item.ref}] {item.indicator.name} · {item.unit.name} · {item.span}",
        item.text,
    )
