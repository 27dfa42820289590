from django.contrib import admin

from tongket.documents.models import Citation, Document, ImplementsLink


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["doc_type", "symbol", "issue_date", "issuer", "owner", "status"]
    list_filter = ["status", "doc_type"]
    search_fields = ["symbol", "title", "issuer"]
    raw_id_fields = ["owner", "programme", "created_by"]
    exclude = ["text"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["from_document", "to_document", "count"]
    raw_id_fields = ["from_document", "to_document"]


@admin.register(ImplementsLink)
class ImplementsLinkAdmin(admin.ModelAdmin):
    list_display = ["from_document", "to_document", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    raw_id_fields = ["from_document", "to_document", "found_in", "decided_by"]
