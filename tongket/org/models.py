"""The organisation tree and who belongs where.

Units are stored with a materialised path of ids ("/1/7/42/"): a subtree is one
indexed prefix query on SQLite and PostgreSQL alike, which every scoped selector
and every roll-up relies on (docs/adr/0002-unit-tree-storage.md).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.vn.text import fold


class UnitKind(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    CITY_COMMITTEE = "city_committee", _("Thành ủy")
    PROVINCE_COMMITTEE = "province_committee", _("Tỉnh ủy")
    URBAN_DISTRICT_COMMITTEE = "urban_district_committee", _("Quận ủy")
    RURAL_DISTRICT_COMMITTEE = "rural_district_committee", _("Huyện ủy")
    TOWN_COMMITTEE = "town_committee", _("Thị ủy")
    WARD_COMMITTEE = "ward_committee", _("Đảng ủy phường")
    COMMUNE_COMMITTEE = "commune_committee", _("Đảng ủy xã")
    TOWNSHIP_COMMITTEE = "township_committee", _("Đảng ủy thị trấn")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    CELL = "cell", _("Chi bộ")
    STEERING_COMMITTEE = "steering_committee", _("Ban Chỉ đạo")


# Kinds that are grassroots organisations (tổ chức cơ sở đảng) for coverage figures.
GRASSROOTS_KINDS = frozenset(
    {
        UnitKind.WARD_COMMITTEE,
        UnitKind.COMMUNE_COMMITTEE,
        UnitKind.TOWNSHIP_COMMITTEE,
        UnitKind.GRASSROOTS_COMMITTEE,
        UnitKind.GRASSROOTS_CELL,
    }
)


class UnitQuerySet(models.QuerySet["Unit"]):
    def within(self, unit: "Unit") -> "UnitQuerySet":
        """The unit and everything below it."""
        return self.filter(path__startswith=unit.path)

    def below(self, unit: "Unit") -> "UnitQuerySet":
        return self.within(unit).exclude(pk=unit.pk)

    def active_on(self, day: date) -> "UnitQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def matching(self, query: str) -> "UnitQuerySet":
        """Units whose name contains every word of the query (accents and case ignored),
        or whose code contains the query."""
        words = fold(query).split()
        if not words:
            return self
        by_name = Q()
        for word in words:
            by_name &= Q(search_key__contains=word)
        return self.filter(by_name | Q(code__icontains=query.strip()))

    def annotate_child_count(self) -> "UnitQuerySet":
        return self.annotate(child_count=models.Count("children"))

    def in_vietnamese_order(self) -> "UnitQuerySet":
        return self.order_by("sort_key", "code")


class Unit(models.Model):
    code = models.CharField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField(_("cấp"), editable=False)
    path = models.CharField(max_length=255, editable=False, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    sort_key = models.CharField(max_length=1024, editable=False, db_index=True)
    search_key = models.CharField(max_length=400, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
            models.CheckConstraint(
                condition=~Q(code__contains="/"), name="unit_code_without_slash"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def contains(self, other: "Unit") -> bool:
        return other.path.startswith(self.path)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1]]

    def is_active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS


class Role(models.TextChoices):
    VIEWER = "viewer", _("Người xem")
    REPORTER = "reporter", _("Cán bộ báo cáo")
    APPROVER = "approver", _("Người phê duyệt")
    MANAGER = "manager", _("Quản lý")
    ADMIN = "admin", _("Quản trị")


# Each role can do what the roles before it can.
ROLE_RANK = {role: rank for rank, role in enumerate(Role)}


class Membership(models.Model):
    """A user's place in the tree: one unit and one role, which bound all they see."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = pgettext_lazy("plural", "thành viên")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"

    def has_role(self, role: Role) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[role]


# --- Units over time (docs/units-over-time.md, docs/adr/0008-lineage.md) ---------------


class ChangeKind(models.TextChoices):
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Chuyển đơn vị cấp trên")
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    DISSOLVE = "dissolve", _("Giải thể")


class UnitChange(models.Model):
    """One decided change of the tree, effective on a date, by a document of the register.

    The document is kept as its symbol (`1656/NQ-UBTVQH15`): the documents app sits
    above org and may link it, org never imports it.
    """

    kind = models.CharField(_("loại thay đổi"), max_length=16, choices=ChangeKind.choices)
    effective = models.DateField(_("có hiệu lực từ"))
    document = models.CharField(_("văn bản quyết định"), max_length=128, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    # The units the change is about: the merged, split, renamed, moved or dissolved ones.
    units = models.ManyToManyField(Unit, related_name="changes", verbose_name=_("đơn vị"))
    details = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("thay đổi đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "thay đổi đơn vị")
        ordering = ["effective", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective:%d/%m/%Y}"


class LineageEdge(models.Model):
    """The successor carries `share` of the predecessor's history from `effective` on."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successor_edges")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessor_edges")
    share = models.DecimalField(_("tỷ lệ"), max_digits=9, decimal_places=6)
    effective = models.DateField(_("có hiệu lực từ"))
    change = models.ForeignKey(UnitChange, on_delete=models.CASCADE, related_name="edges")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=1), name="lineage_share_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="lineage_not_to_itself"
            ),
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="lineage_edge_once_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id} × {self.share}"


class LineageClosure(models.Model):
    """Derived from the edges: `node`'s figures carry `weight` of `source`'s values, for
    trees as they stood on `since` or later (null: always — the unit's own values).

    Every unit has its own row (node = source, weight 1), so a roll-up joins values to
    this table once and needs no second path for a unit's own values.
    """

    node = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="lineage_sources")
    source = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="inherited_by")
    weight = models.DecimalField(max_digits=13, decimal_places=10)
    since = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["node", "source", "since"], name="closure_once_per_pair_and_date"
            ),
        ]
        indexes = [models.Index(fields=["source", "node"], name="closure_source_idx")]

    def __str__(self) -> str:
        return f"{self.node_id} ⊇ {self.source_id} × {self.weight}"


class UnitPlacement(models.Model):
    """Where a unit sat before it moved: its parent and path from `valid_from` (null:
    since it was created) to `valid_to`. After its last move, the unit's own path holds."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="placements")
    parent = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255)
    valid_from = models.DateField(null=True)
    valid_to = models.DateField()

    class Meta:
        ordering = ["unit", "valid_to"]
        indexes = [models.Index(fields=["unit", "valid_to"], name="placement_unit_idx")]

    def __str__(self) -> str:
        return f"{self.unit_id} @ {self.path} → {self.valid_to}"
