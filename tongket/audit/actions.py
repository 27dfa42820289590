"""Recording audit events: one call, from the action that made the change."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models

from tongket.audit.models import AuditEvent, Via
from tongket.lib.clock import now


def record(
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    unit_path: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    via: str = Via.WEB,
) -> AuditEvent:
    """Record that `by` did `action` on `obj` (or on the object named by type and id).

    Call it inside the writing action's transaction, so the event and the change commit
    or roll back together. `unit_path` is the path of the unit the object belongs to,
    which scopes who may read the event.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    user = by if isinstance(by, User) else None
    return AuditEvent.objects.create(
        at=now(),
        by=user,
        by_name=user.get_username() if user is not None else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        unit_path=unit_path,
        before=before,
        after=after,
        via=via,
    )
