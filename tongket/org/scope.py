"""Access control for the whole of tongket, in one place.

A user sees and changes only their unit's subtree, with the powers of their role.
Every selector in every app starts from `visible_units` or `unit_for`; a query that
does not is a bug.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tongket.org.models import Membership, Role, Unit, UnitQuerySet

User = AbstractBaseUser | AnonymousUser


def membership_of(user: User) -> Membership | None:
    if not user.is_authenticated:
        return None
    try:
        membership: Membership = getattr(user, "membership")  # noqa: B009 (reverse one-to-one)
        return membership
    except Membership.DoesNotExist:
        return None


def scope_of(user: User) -> Unit | None:
    """The top of the subtree the user may see, or None for no access at all."""
    membership = membership_of(user)
    return membership.unit if membership else None


def visible_units(user: User) -> UnitQuerySet:
    scope = scope_of(user)
    if scope is None:
        return Unit.objects.none()
    return Unit.objects.within(scope)


def unit_for(user: User, code: str) -> Unit:
    """The unit with this code if the user may see it; Unit.DoesNotExist otherwise.

    A unit outside the subtree is reported as missing, not forbidden, so that codes
    of other branches cannot be probed.
    """
    return visible_units(user).get(code=code)


def has_role(user: User, role: Role) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.has_role(role)


def can(user: User, role: Role, unit: Unit) -> bool:
    """Whether the user holds at least `role` over `unit`."""
    membership = membership_of(user)
    return membership is not None and membership.has_role(role) and membership.unit.contains(unit)


def require(user: User, role: Role, unit: Unit | None = None) -> Membership:
    """The user's membership if they hold `role` (over `unit`); PermissionDenied otherwise."""
    membership = membership_of(user)
    if membership is None or not membership.has_role(role):
        raise PermissionDenied(
            _("Bạn cần vai trò “%(role)s” để làm việc này.") % {"role": role.label}
        )
    if unit is not None and not membership.unit.contains(unit):
        raise PermissionDenied(_("Đơn vị “%(unit)s” nằm ngoài phạm vi của bạn.") % {"unit": unit})
    return membership
