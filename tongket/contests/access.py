"""Who may do what with a contest, on top of the org scoping helpers.

The tree decides for everyone but judges: managers over the contest's unit run it,
viewers over it read it, reporters of a unit in its subtree (or above it) submit
entries for the units they and the contest share. A judge is reached the other way
round: a manager put them on a round's jury, so the jury seat is the grant, and it
gives the judge their assignments and nothing else: not the entry list, not the
authors, whatever their place in the tree (blind judging, as in HotCRP, where PC
members do not see author names). Managers themselves see the authors, so a
manager cannot sit on the jury of their own contest.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from tongket.contests.models import Contest, Entry, JuryMember
from tongket.org.models import Role, Unit, UnitQuerySet
from tongket.org.scope import User, can, membership_of, scope_of


@dataclass(frozen=True)
class Access:
    manage: bool = False
    view: bool = False
    submit: bool = False
    judge: bool = False

    @property
    def any(self) -> bool:
        return self.manage or self.view or self.submit or self.judge

    @property
    def sees_entries(self) -> bool:
        """May list entries with their authors (their own units' only when submitting)."""
        return self.manage or self.view or self.submit


def is_judge(user: User, contest: Contest) -> bool:
    return (
        user.is_authenticated
        and JuryMember.objects.filter(round__contest=contest, judge_id=user.pk).exists()
    )


def access_to(user: User, contest: Contest) -> Access:
    if can(user, Role.MANAGER, contest.unit):
        return Access(manage=True, view=True, submit=True)
    judge = is_judge(user, contest)
    return Access(
        view=not judge and can(user, Role.VIEWER, contest.unit),
        submit=not judge and _may_submit(user, contest),
        judge=judge,
    )


def _may_submit(user: User, contest: Contest) -> bool:
    membership = membership_of(user)
    if membership is None or not membership.has_role(Role.REPORTER):
        return False
    return contest.unit.contains(membership.unit) or membership.unit.contains(contest.unit)


def submitting_units(user: User, contest: Contest) -> UnitQuerySet:
    """Units the user may submit entries for: their subtree within the contest's."""
    scope = scope_of(user)
    if scope is None or not access_to(user, contest).submit:
        return Unit.objects.none()
    deeper = scope if contest.unit.contains(scope) else contest.unit
    return Unit.objects.within(deeper).in_vietnamese_order()


def visible_contests(user: User) -> QuerySet[Contest]:
    """Contests the user may open: in their subtree, above it (to submit), or judged."""
    if not user.is_authenticated:
        return Contest.objects.none()
    seat = Q(rounds__jury__judge_id=user.pk)
    scope = scope_of(user)
    if scope is None:
        return Contest.objects.filter(seat).distinct()
    condition = seat | Q(unit__path__startswith=scope.path)
    membership = membership_of(user)
    if membership is not None and membership.has_role(Role.REPORTER):
        condition |= Q(unit_id__in=scope.ancestor_ids())
    return Contest.objects.filter(condition).distinct()


def contest_or_404(user: User, pk: int) -> tuple[Contest, Access]:
    """The contest and the user's access to it; 404 when they have none, to avoid probing."""
    contest = Contest.objects.select_related("unit", "parent__unit").filter(pk=pk).first()
    if contest is None:
        raise Http404
    access = access_to(user, contest)
    if not access.any:
        raise Http404
    return contest, access


def entries_visible_to(user: User, contest: Contest, access: Access) -> QuerySet[Entry]:
    """The entries whose authors the user may see: all for readers, their units' for submitters."""
    if access.manage or access.view:
        return contest.entries.all()
    if access.submit:
        return contest.entries.filter(submitting_unit__in=submitting_units(user, contest))
    return Entry.objects.none()


def entry_or_404(user: User, pk: int) -> tuple[Entry, Access]:
    entry = Entry.objects.select_related("contest__unit", "submitting_unit").filter(pk=pk).first()
    if entry is None:
        raise Http404
    access = access_to(user, entry.contest)
    if not entries_visible_to(user, entry.contest, access).filter(pk=entry.pk).exists():
        raise Http404
    return entry, access
