import factory
from django.contrib.auth import get_user_model

from tongket.org.actions import create_unit, set_membership
from tongket.org.models import Role, Unit, UnitKind


class UnitFactory(factory.Factory):
    """Units through the real create action, so path, level and keys are right."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Chi bộ số {n}")
    kind = UnitKind.CELL
    parent = None
    valid_from = None
    valid_to = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return create_unit(by=None, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-pass-123")


def member(unit: Unit, role: Role, username: str | None = None):  # type: ignore[no-untyped-def]
    user = UserFactory(username=username) if username else UserFactory()
    set_membership(by=None, user=user, unit=unit, role=role)
    return user
