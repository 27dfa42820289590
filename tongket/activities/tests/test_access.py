"""Role × route × inside/outside the subtree for every page of the register."""

import pytest
from django.test import Client

from tongket.audit.models import AuditEvent

ROLES = ["admin", "city", "district", "ward", "otherward", "judge"]
# path → expected status per role, for an activity of `ward`'s unit.
MATRIX = {
    "/activities/": [200, 200, 200, 200, 200, 200],
    "/activities/calendar/": [200, 200, 200, 200, 200, 200],
    "/activities/export.csv": [200, 200, 200, 200, 200, 200],
    "/activities/new/": [200, 200, 200, 200, 200, 403],
    "/activities/import/": [200, 200, 200, 200, 200, 403],
    "/activities/{pk}/": [200, 200, 200, 200, 404, 200],
    "/activities/{pk}/edit/": [200, 200, 200, 200, 404, 403],
}


@pytest.mark.parametrize("path", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_the_matrix_says(people, tree, record, path, role):
    activity = record(people.ward, tree.ward)
    client = Client()
    client.force_login(getattr(people, role))
    response = client.get(path.format(pk=activity.pk))
    assert response.status_code == MATRIX[path][ROLES.index(role)]


def test_anonymous_is_sent_to_login(programme):
    response = Client().get("/activities/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_write_is_in_the_audit_trail(people, tree, record):
    record(people.ward, tree.ward)
    event = AuditEvent.objects.get(action="activity.create")
    assert event.by == people.ward and event.unit_path == tree.ward.path
    assert event.after is not None and event.after["kind"] == "training"
