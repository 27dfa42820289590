"""Setting a contest up: the contest, its rounds and rubric, each round's jury."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from tongket.contests.access import access_to, visible_contests
from tongket.contests.models import Contest, Criterion, JuryMember, Round
from tongket.org.models import Role, Unit
from tongket.org.scope import can, require, visible_units


class ContestRefused(ValueError):
    """A contest change that cannot be made; the message says why, for the user."""


@dataclass(frozen=True)
class RoundSpec:
    name: str
    advance_count: int | None = None
    judges_per_entry: int = 3


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    max_points: Decimal
    weight: Decimal = Decimal(1)


@transaction.atomic
def create_contest(
    *,
    by: User | None,
    unit: Unit,
    name: str,
    year: int,
    rounds: list[RoundSpec],
    criteria: list[CriterionSpec],
    rules: str = "",
    categories: list[str] | None = None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    results_on: date | None = None,
    parent: Contest | None = None,
) -> Contest:
    """A contest at ``unit``; ``by=None`` is the system itself (the demo)."""
    if by is not None:
        require(by, Role.MANAGER, unit)
    if not rounds or not criteria:
        raise ContestRefused(_("Cuộc thi cần ít nhất một vòng và một tiêu chí chấm."))
    if opens_on and closes_on and closes_on < opens_on:
        raise ContestRefused(_("Hạn nhận bài phải sau ngày bắt đầu nhận bài."))
    if parent is not None:
        _check_parent(by, unit, parent)
    contest = Contest.objects.create(
        unit=unit,
        name=name,
        year=year,
        rules=rules,
        categories=categories or [],
        opens_on=opens_on,
        closes_on=closes_on,
        results_on=results_on,
        parent=parent,
        created_by=by,
    )
    Round.objects.bulk_create(
        Round(
            contest=contest,
            order=order,
            name=spec.name,
            advance_count=spec.advance_count,
            judges_per_entry=spec.judges_per_entry,
        )
        for order, spec in enumerate(rounds, start=1)
    )
    Criterion.objects.bulk_create(
        Criterion(
            contest=contest,
            order=order,
            name=spec.name,
            max_points=spec.max_points,
            weight=spec.weight,
        )
        for order, spec in enumerate(criteria, start=1)
    )
    return contest


def _check_parent(by: User | None, unit: Unit, parent: Contest) -> None:
    """The parent contest is held above ``unit`` and is one the user can reach."""
    if parent.unit == unit or not parent.unit.contains(unit):
        raise ContestRefused(_("Cuộc thi cấp trên phải do một đơn vị cấp trên tổ chức."))
    if by is not None and not visible_contests(by).filter(pk=parent.pk).exists():
        raise ContestRefused(_("Không tìm thấy cuộc thi cấp trên trong phạm vi của bạn."))


def eligible_judges(by: User, contest: Contest) -> list[User]:
    """Accounts in the manager's subtree who could judge: not managers of this contest."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(is_active=True, membership__unit__in=visible_units(by))
        .select_related("membership__unit")
        .order_by("first_name", "username")
    )
    return [user for user in users if not can(user, Role.MANAGER, contest.unit)]


@transaction.atomic
def set_jury(*, by: User | None, round: Round, judges: list[User]) -> None:
    """Make ``judges`` the round's jury; a judge who already scored stays on it."""
    contest = round.contest
    if by is not None:
        require(by, Role.MANAGER, contest.unit)
        allowed = {user.pk for user in eligible_judges(by, contest)}
        outside = [judge for judge in judges if judge.pk not in allowed]
        if outside:
            raise ContestRefused(
                _("%(name)s không thể làm giám khảo cuộc thi này.")
                % {"name": outside[0].get_full_name() or outside[0].username}
            )
    managers = [judge for judge in judges if access_to(judge, contest).manage]
    if managers:
        raise ContestRefused(
            _("%(name)s quản lý cuộc thi, thấy tên tác giả nên không thể chấm bài ẩn danh.")
            % {"name": managers[0].get_full_name() or managers[0].username}
        )
    wanted = {judge.pk for judge in judges}
    leaving = round.jury.exclude(judge_id__in=wanted)
    scored = (
        round.assignments.filter(
            judge_id__in=leaving.values("judge_id"), submitted_at__isnull=False
        )
        .select_related("judge")
        .first()
    )
    if scored is not None:
        raise ContestRefused(
            _("Không thể bỏ giám khảo đã chấm bài trong vòng này: %(name)s.")
            % {"name": scored.judge.get_full_name() or scored.judge.username}
        )
    round.assignments.filter(judge_id__in=leaving.values("judge_id")).delete()
    leaving.delete()
    present = set(round.jury.values_list("judge_id", flat=True))
    JuryMember.objects.bulk_create(
        JuryMember(round=round, judge=judge) for judge in judges if judge.pk not in present
    )
