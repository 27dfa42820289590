"""Every number of the review is the number /api/v1/analytics gives for it."""

from decimal import Decimal

from django.test import Client

from tongket.api.models import ApiToken
from tongket.reviews.content import build_content


def test_every_figure_of_the_review_matches_the_analytics_api(review_of, people):
    content = build_content(review_of("party"))
    headers = {"Authorization": f"Bearer {ApiToken.issue(people.district)}"}
    client = Client()
    checked = 0
    for figure in content.figures:
        answer = client.get(
            "/api/v1/analytics",
            {
                "indicator": figure.indicator.code,
                "period": figure.span,
                "orgUnit": figure.unit.code,
            },
            headers=headers,
        ).json()
        api_value = None if answer["value"] is None else Decimal(str(answer["value"]))
        assert api_value == figure.value, (figure.indicator.code, figure.unit.code, figure.span)
        checked += 1
    assert checked > 50  # paragraphs, the three tables and their years and units
