"""`tongket backup` / `tongket restore`: the whole database and uploads, verified by checksum."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from tongket.conftest import run
from tongket.lib.backup import BackupError, backup, restore, table_sums
from tongket.org.models import Unit


@pytest.fixture
def clean_media():  # type: ignore[no-untyped-def]
    """The test storage is process-wide: other tests' uploads are in it. Start and end empty."""
    for name in _all_media():
        default_storage.delete(name)
    yield
    for name in _all_media():
        default_storage.delete(name)
    ContentType.objects.clear_cache()


def _all_media(folder: str = "") -> list[str]:
    folders, files = default_storage.listdir(folder)
    found = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        found += _all_media(f"{folder}/{sub}" if folder else sub)
    return found


def _archive() -> bytes:
    buffer = io.BytesIO()
    backup(buffer)
    return buffer.getvalue()


def _tampered(data: bytes, table: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == f"data/{table}.jsonl":
                content = content.replace("Quận ủy".encode(), "Huyện ủy".encode(), 1)
            target.writestr(item.filename, content)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_demo_restored_into_an_empty_database_has_every_tables_checksum(
    demo_var: Path, tmp_path: Path, clean_media: None
):
    archive = tmp_path / "demo.zip"
    result = run(["backup", str(archive)], demo_var)
    assert result.returncode == 0, result.stderr.decode()
    with zipfile.ZipFile(archive) as opened:
        manifest = restore(opened)
    assert manifest["engine"] == "sqlite"
    assert manifest["tables"]["reporting_datavalue"]["rows"] > 20_000
    assert manifest["media"], "the demo's documents have files"
    found = table_sums()  # on this run's database: SQLite, or PostgreSQL across engines
    assert {t: (s.rows, s.sha256) for t, s in found.items()} == {
        t: (entry["rows"], entry["sha256"]) for t, entry in manifest["tables"].items()
    }
    for item in manifest["media"]:
        with default_storage.open(item["path"], "rb") as file:
            assert len(file.read()) == item["bytes"]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data(tree, clean_media):
    data = _archive()
    with pytest.raises(BackupError, match="không trống"):
        restore(zipfile.ZipFile(io.BytesIO(data)))


@pytest.mark.django_db(transaction=True)
def test_a_tampered_archive_is_refused_and_the_database_is_left_as_it_was(tree, clean_media):
    data = _tampered(_archive(), "org_unit")
    before = table_sums()
    with pytest.raises(BackupError, match="org_unit"):
        restore(zipfile.ZipFile(io.BytesIO(data)), force=True)
    assert table_sums() == before
    assert Unit.objects.get(code="HN-THANHXUAN").name == "Quận ủy Thanh Xuân"


@pytest.mark.django_db(transaction=True)
def test_force_replaces_the_data_with_the_archives(tree, clean_media):
    data = _archive()
    Unit.objects.filter(code="HN-THANHXUAN").update(name="changed")
    restore(zipfile.ZipFile(io.BytesIO(data)), force=True)
    assert Unit.objects.get(code="HN-THANHXUAN").name == "Quận ủy Thanh Xuân"


@pytest.mark.django_db(transaction=True)
def test_an_archive_from_another_schema_is_refused(tree, clean_media):
    source = zipfile.ZipFile(io.BytesIO(_archive()))
    manifest = json.loads(source.read("manifest.json"))
    manifest["migrations"] = manifest["migrations"][:-1]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "manifest.json":
                content = json.dumps(manifest).encode()
            target.writestr(item.filename, content)
    with pytest.raises(BackupError, match="phiên bản lược đồ"):
        restore(zipfile.ZipFile(io.BytesIO(out.getvalue())), force=True)


def test_restore_of_a_file_that_is_not_a_backup_is_one_line(tmp_path: Path, db):
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(bogus))
    assert "\n" not in str(refused.value) and "x.zip" in str(refused.value)


def test_backup_into_a_missing_folder_is_one_line(tmp_path: Path, db):
    with pytest.raises(CommandError, match="Không có thư mục"):
        call_command("backup", str(tmp_path / "no" / "b.zip"))
