"""Functions that change the organisation tree and memberships."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from tongket.lib.tables import read_rows
from tongket.lib.uploads import check_upload
from tongket.org.lineage import own_closure_row
from tongket.org.models import Membership, Role, Unit
from tongket.org.scope import membership_of, require
from tongket.org.tree import index_text, place
from tongket.org.unit_rows import REQUIRED_COLUMNS, RowError, UnitRow, parse_unit_rows, plan_import


@transaction.atomic
def create_unit(
    *,
    by: User | None,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Unit:
    """Add a unit under `parent`; `by=None` is the system itself (demo, migrations)."""
    if by is not None:
        require(by, Role.MANAGER, parent)
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        level=0,
        path="",
    )
    index_text(unit)
    unit.save()
    place(unit)
    unit.save(update_fields=["level", "path"])
    own_closure_row(unit)
    return unit


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


class ImportRejected(Exception):
    """Nothing was written; `errors` says which line and field to fix."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors


@transaction.atomic
def import_units(
    *, by: User, rows: list[UnitRow], row_errors: list[RowError] | None = None
) -> ImportResult:
    """Create or update units from checked rows, all or nothing.

    Rows may come in any order and refer to parents created by other rows; each unit
    lands below the importer's own unit (a superuser may also create new roots).
    """
    # A superuser with no unit yet may import the first tree of a new installation.
    scope = (
        None if by.is_superuser and membership_of(by) is None else require(by, Role.MANAGER).unit
    )
    plan = plan_import(rows, scope=scope, may_create_roots=by.is_superuser)
    errors = sorted([*(row_errors or []), *plan.errors], key=lambda error: error.line)
    if errors:
        raise ImportRejected(errors)
    result = ImportResult()
    saved: dict[str, Unit] = {}
    for row in plan.ordered_rows:
        parent = saved.get(row.parent_code or "") or plan.existing.get(row.parent_code or "")
        unit = plan.existing.get(row.code)
        if unit is None:
            unit = create_unit(
                by=None,
                code=row.code,
                name=row.name,
                kind=row.kind,
                parent=parent,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )
            result.created += 1
        else:
            _update_unit(unit, row, parent)
            result.updated += 1
        saved[row.code] = unit
    return result


def import_units_file(*, by: User, name: str, data: bytes) -> ImportResult:
    """Check, parse and import a units file: the page, the API and the CLI all call this.

    Raises UploadError for a file that cannot be read and ImportRejected listing every
    bad line; in both cases nothing is written.
    """
    upload = check_upload(
        name, data, allowed={".csv", ".xlsx", ".json"}, max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES
    )
    rows, errors = parse_unit_rows(read_rows(upload.suffix, upload.data, required=REQUIRED_COLUMNS))
    return import_units(by=by, rows=rows, row_errors=errors)


def _update_unit(unit: Unit, row: UnitRow, parent: Unit | None) -> None:
    old_path = unit.path
    unit.name, unit.kind = row.name, row.kind
    unit.valid_from, unit.valid_to = row.valid_from, row.valid_to
    unit.parent = parent
    index_text(unit)
    place(unit)
    unit.save()
    if unit.path != old_path:
        _move_descendants(old_path, unit)


def _move_descendants(old_path: str, unit: Unit) -> None:
    """Rewrite the path prefix and level of everything below a unit that moved."""
    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
        level=F("level") + (unit.level - old_path.count("/") + 1),
    )


def set_membership(*, by: User | None, user: User, unit: Unit, role: Role) -> Membership:
    if by is not None:
        require(by, Role.ADMIN, unit)
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"unit": unit, "role": role}
    )
    return membership


@transaction.atomic
def create_account(
    *,
    by: User | None,
    username: str,
    password: str,
    unit: Unit,
    role: Role,
    full_name: str = "",
    is_superuser: bool = False,
) -> User:
    """A user with a password and a place in the tree (or the same, refreshed)."""
    if by is not None:
        require(by, Role.ADMIN, unit)
    # Vietnamese names read family name first; keep the whole name in one field so
    # get_full_name() shows it in the right order.
    user, _created = get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "first_name": full_name,
            "last_name": "",
            "is_superuser": is_superuser,
            "is_staff": is_superuser,
        },
    )
    user.set_password(password)
    user.save()
    set_membership(by=None, user=user, unit=unit, role=role)
    return user
