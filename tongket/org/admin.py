from django.contrib import admin

from tongket.org.models import Membership, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "level", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "level")
    search_fields = ("code", "search_key")
    raw_id_fields = ("parent",)
    readonly_fields = ("level", "path")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Units are created through import or the demo so that paths stay consistent.
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__code", "unit__search_key")
    raw_id_fields = ("user", "unit")
