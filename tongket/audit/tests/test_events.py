import pytest

from tongket.audit.actions import record
from tongket.audit.models import AuditEvent, ImmutableEvent


def test_an_event_keeps_who_what_before_and_after(people, tree):
    event = record(
        by=people.district,
        action="unit.rename",
        obj=tree.ward,
        unit_path=tree.ward.path,
        before={"name": "Phường cũ"},
        after={"name": tree.ward.name},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.by_name == "district" and stored.object_type == "org.unit"
    assert stored.before == {"name": "Phường cũ"} and stored.after == {"name": tree.ward.name}


def test_an_event_cannot_be_changed_or_deleted(people, tree):
    event = record(by=people.district, action="unit.rename", obj=tree.ward)
    event.action = "nothing"
    with pytest.raises(ImmutableEvent):
        event.save()
    with pytest.raises(ImmutableEvent):
        event.delete()
    assert AuditEvent.objects.get().action == "unit.rename"
