"""Schemathesis over the published schema, in-process through the WSGI application.

Every operation gets generated requests, valid and invalid, as a ward reporter and as
a city manager: no answer may be a 5xx, and every answer must match the schema
(status documented, body shaped as declared, content type right). Bounded so the two
roles together take well under a minute on a quiet machine.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tongket.api.models import ApiToken
from tongket.programmes.demo import seed_programme
from tongket.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """Keep the test's database connection across WSGI calls, as Django's test client does.

    A real request closes the connection when it finishes; here that would close the
    transaction the test runs in (on PostgreSQL).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(tree, people, connection_kept) -> dict[str, str]:  # type: ignore[no-untyped-def]
    seed_programme(tree.district)
    return {"ward": ApiToken.issue(people.ward), "city": ApiToken.issue(people.city)}


@pytest.mark.parametrize("role", ["ward", "city"])
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx_or_outside_its_schema(case, role, tokens):  # type: ignore[no-untyped-def]
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"}, checks=CHECKS)
