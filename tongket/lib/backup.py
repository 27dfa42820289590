"""Backing up and restoring the whole database and the uploaded files as one archive.

The archive is a ZIP holding `manifest.json`, one JSON-lines stream per table
(`data/<table>.jsonl`) and the uploaded files (`media/…`). Rows are written field by
field through Django, not as SQL, so a backup of a SQLite database restores into
PostgreSQL and back.

Every table's rows are checksummed in a canonical form: each row is the JSON of its
columns' values in a fixed notation (UTC timestamps, plain decimals, sorted JSON
keys), and the table's checksum is the SHA-256 over the rows sorted by primary key
(numbers numerically, text by code point). The same computation over the database
after loading must give the manifest's figures, or the restore is rolled back: the
two engines order text differently, so the order cannot be left to the database.

Tables are loaded in one transaction in any order: Django creates foreign keys
DEFERRABLE INITIALLY DEFERRED on both engines, so they are checked at commit.
"""

import base64
import contextlib
import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.fields.files import FieldFile
from django.utils import timezone

FORMAT = 1
BATCH = 1000
# Rows `migrate` writes into a fresh database; a restore replaces them with the backup's.
MIGRATE_TABLES = {"django_content_type", "auth_permission"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one line for the operator."""


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str


def models_to_copy() -> list[type[models.Model]]:
    """Every concrete table Django manages, including the many-to-many join tables."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return sorted(found, key=lambda model: model._meta.db_table)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _plain(value: Any) -> Any:
    """A column's value in the canonical JSON notation used in streams and checksums."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def _row(model: type[models.Model], obj: models.Model) -> list[Any]:
    return [_plain(field.value_from_object(obj)) for field in _columns(model)]


def _line(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sort_key(pk: Any) -> tuple[int, Any]:
    return (0, pk) if isinstance(pk, int) and not isinstance(pk, bool) else (1, str(pk))


def _rows(model: type[models.Model]) -> Iterator[list[Any]]:
    for obj in model._base_manager.order_by("pk").iterator(chunk_size=BATCH):
        yield _row(model, obj)


def _pk_index(model: type[models.Model]) -> int:
    pk = model._meta.pk
    assert pk is not None
    return [field.attname for field in _columns(model)].index(pk.attname)


class _Summer:
    """Accumulates a table's canonical checksum from rows in any order."""

    def __init__(self, model: type[models.Model]) -> None:
        self.pk = _pk_index(model)
        self.hashes: list[tuple[tuple[int, Any], bytes]] = []

    def add(self, values: list[Any]) -> None:
        digest = hashlib.sha256(_line(values).encode()).digest()
        self.hashes.append((_sort_key(values[self.pk]), digest))

    def result(self) -> TableSum:
        total = hashlib.sha256()
        for _key, digest in sorted(self.hashes):
            total.update(digest)
        return TableSum(rows=len(self.hashes), sha256=total.hexdigest())


def table_sums() -> dict[str, TableSum]:
    """The canonical checksum of every table of the configured database."""
    sums = {}
    for model in models_to_copy():
        summer = _Summer(model)
        for values in _rows(model):
            summer.add(values)
        sums[model._meta.db_table] = summer.result()
    return sums


def _migrations() -> list[list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


def _media_files(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _media_files(storage, f"{folder}/{sub}" if folder else sub)


def backup(target: IO[bytes]) -> dict[str, Any]:
    """Write the archive to `target` and return its manifest.

    One REPEATABLE READ/serialisable snapshot on PostgreSQL (a read-only atomic block),
    so the tables agree with each other while the server keeps writing.
    """
    tables: dict[str, dict[str, Any]] = {}
    media: list[dict[str, Any]] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        snapshot = not connection.in_atomic_block
        with transaction.atomic():
            if snapshot and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for model in models_to_copy():
                table = model._meta.db_table
                summer = _Summer(model)
                with archive.open(f"data/{table}.jsonl", "w", force_zip64=True) as stream:
                    for values in _rows(model):
                        summer.add(values)
                        stream.write(_line(values).encode() + b"\n")
                result = summer.result()
                tables[table] = {
                    "model": model._meta.label,
                    "columns": [field.attname for field in _columns(model)],
                    "rows": result.rows,
                    "sha256": result.sha256,
                }
            migrations = _migrations()
        for name in _media_files(default_storage):
            with default_storage.open(name, "rb") as file:
                data = file.read()
            archive.writestr(f"media/{name}", data)
            media.append({"path": name, "bytes": len(data), "sha256": _sha(data)})
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "migrations": migrations,
            "tables": tables,
            "media": media,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError as missing:
        raise BackupError("Tệp sao lưu không có manifest.json.") from missing
    except ValueError as error:
        raise BackupError("manifest.json của tệp sao lưu bị hỏng.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Tệp sao lưu không đúng định dạng của tongket.")
    return manifest


def open_archive(path: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"Không đọc được tệp sao lưu {path}: {error}.") from error


def data_rows() -> int:
    """Rows in the tables a restore would overwrite (not those `migrate` fills)."""
    return sum(
        model._base_manager.count()
        for model in models_to_copy()
        if model._meta.db_table not in MIGRATE_TABLES
    )


def media_count() -> int:
    return sum(1 for _name in _media_files(default_storage))


def restore(archive: zipfile.ZipFile, *, force: bool = False) -> dict[str, Any]:
    """Load the archive into the configured (migrated) database and verify every checksum.

    All or nothing: any mismatch raises BackupError and the transaction is rolled back.
    """
    manifest = read_manifest(archive)
    models_here = {model._meta.db_table: model for model in models_to_copy()}
    _check_schema(manifest, models_here)
    media = _checked_media(archive, manifest)
    if not force:
        rows, files = data_rows(), media_count()
        if rows or files:
            raise BackupError(
                f"Nơi khôi phục không trống ({rows} dòng dữ liệu, {files} tệp tải lên): "
                "chỉ khôi phục vào cơ sở dữ liệu trống, hoặc thêm --force để thay hết."
            )
    with transaction.atomic():
        _flush(list(models_here.values()) if force else _migrate_filled(models_here))
        for table, entry in manifest["tables"].items():
            with _stamps_kept(models_here[table]):
                _load(archive, models_here[table], table, entry)
        _reset_sequences(list(models_here.values()))
        found = table_sums()
        for table, entry in manifest["tables"].items():
            got = found[table]
            if (got.rows, got.sha256) != (entry["rows"], entry["sha256"]):
                raise BackupError(
                    f"Bảng {table} sau khi nạp không khớp manifest "
                    f"({got.rows} dòng, cần {entry['rows']}; tổng kiểm tra khác): đã huỷ khôi phục."
                )
        _restore_media(media, replace=force)
    return manifest


def _check_schema(manifest: dict[str, Any], models_here: dict[str, type[models.Model]]) -> None:
    if manifest.get("migrations") != _migrations():
        raise BackupError(
            "Tệp sao lưu được tạo ở phiên bản lược đồ khác với cơ sở dữ liệu đích: "
            "khôi phục bằng đúng phiên bản tongket đã sao lưu."
        )
    tables = manifest.get("tables", {})
    for table, entry in tables.items():
        model = models_here.get(table)
        if model is None or entry.get("columns") != [f.attname for f in _columns(model)]:
            raise BackupError(f"Bảng {table} của tệp sao lưu không có ở cơ sở dữ liệu đích.")
    if missing := sorted(set(models_here) - set(tables)):
        raise BackupError(f"Tệp sao lưu thiếu bảng {missing[0]}.")


def _migrate_filled(models_here: dict[str, type[models.Model]]) -> list[type[models.Model]]:
    return [models_here[table] for table in MIGRATE_TABLES if table in models_here]


def _flush(models_to_empty: list[type[models.Model]]) -> None:
    tables = [model._meta.db_table for model in models_to_empty]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=False, allow_cascade=True
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _load(
    archive: zipfile.ZipFile, model: type[models.Model], table: str, entry: dict[str, Any]
) -> None:
    columns = _columns(model)
    batch: list[models.Model] = []
    try:
        stream = archive.open(f"data/{table}.jsonl")
    except KeyError as missing:
        raise BackupError(f"Tệp sao lưu thiếu dữ liệu của bảng {table}.") from missing
    with stream:
        for number, line in enumerate(stream, start=1):
            try:
                values = json.loads(line)
                batch.append(model(**_fields(columns, values)))
            except (ValueError, TypeError) as error:
                raise BackupError(f"Bảng {table}, dòng {number} của tệp sao lưu hỏng.") from error
            if len(batch) >= BATCH:
                model._base_manager.bulk_create(batch)
                batch = []
    if batch:
        model._base_manager.bulk_create(batch)


@contextlib.contextmanager
def _stamps_kept(model: type[models.Model]) -> Iterator[None]:
    """Keep the archive's timestamps: bulk_create would set auto_now fields to now."""
    stamped = [
        field
        for field in _columns(model)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field.auto_now, field.auto_now_add) for field in stamped]  # type: ignore[attr-defined]
    for field in stamped:
        field.auto_now = field.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for field, (now, now_add) in zip(stamped, saved, strict=True):
            field.auto_now, field.auto_now_add = now, now_add  # type: ignore[attr-defined]


def _fields(columns: list[models.Field[Any, Any]], values: list[Any]) -> dict[str, Any]:
    if len(values) != len(columns):
        raise ValueError("column count")
    return {
        field.attname: _python(field, value) for field, value in zip(columns, values, strict=True)
    }


def _python(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.DurationField):
        return dt.timedelta(seconds=value)
    if isinstance(field, models.ForeignKey):
        return field.target_field.to_python(value)
    if isinstance(field, models.FileField):
        return value
    return field.to_python(value)


def _reset_sequences(models_loaded: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models_loaded)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _checked_media(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> list[tuple[str, bytes]]:
    """Every uploaded file of the archive, verified before anything is written."""
    files = []
    for item in manifest.get("media", []):
        name = str(item["path"])
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts or "\\" in name or "\x00" in name:
            raise BackupError(f"Tên tệp tải lên không hợp lệ trong tệp sao lưu: {name!r}.")
        try:
            data = archive.read(f"media/{name}")
        except KeyError as missing:
            raise BackupError(f"Tệp sao lưu thiếu tệp tải lên {name}.") from missing
        if len(data) != item["bytes"] or _sha(data) != item["sha256"]:
            raise BackupError(f"Tệp tải lên {name} trong tệp sao lưu không khớp manifest.")
        files.append((name, data))
    return files


def _restore_media(files: list[tuple[str, bytes]], *, replace: bool) -> None:
    for name, data in files:
        if default_storage.exists(name):
            if not replace:
                raise BackupError(f"Tệp tải lên {name} đã có ở nơi khôi phục.")
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            raise BackupError(f"Không ghi được tệp tải lên {name} đúng tên.")
