"""The hostile corpus through the upload pages: refused with a message, nothing written.

Units import (a city manager), values import on the entry page (a ward reporter),
the document register's upload (a ward reporter) and a contest's bulk import.
"""

import io

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from tongket.contests.tests.factories import ContestFactory
from tongket.lib.tables import write_table
from tongket.programmes.demo import seed_programme
from tongket.tests.hostile import corpus
from tongket.tests.hostile.conftest import assert_bounded, row_counts, sample

ENTRY = "/reporting/TCCS_NAM/HN-THANHXUAN-KHUONGMAI/2023/"
CONTEST_HEADER = ["file", "title", "authors", "birth_years", "unit", "category"]


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _file(name: str, data: bytes) -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _check(files, measured, post, refusal):  # type: ignore[no-untyped-def]
    problems = []
    for hostile in files:
        before = row_counts()
        response, cost = measured(lambda hostile=hostile: post(hostile))
        assert_bounded(cost, hostile.id)
        if not hasattr(response, "status_code") or response.status_code >= 500:
            problems.append(f"{hostile.id}: {response!r}")
            continue
        shown = refusal(response)
        if not shown:
            problems.append(f"{hostile.id}: no refusal shown")
        elif any("\n" in line or not line.strip() for line in shown):
            problems.append(f"{hostile.id}: refusal not one line: {shown}")
        if row_counts() != before:
            problems.append(f"{hostile.id}: wrote rows")
    assert not problems, "\n".join(problems)


def _errors(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The page's list of import errors, or the form's own (an empty file)."""
    context = response.context or {}
    shown = [str(error) for error in context.get("errors") or []]
    return shown or [str(e) for e in context["form"].errors.get("file", [])]


def test_the_unit_import_page_refuses_every_hostile_table(people, measured):
    client = _client(people.city)
    _check(
        sample(corpus.unit_tables()),
        measured,
        lambda h: client.post("/units/import/", {"file": _file(h.name, h.data)}),
        _errors,
    )


def test_the_values_upload_refuses_every_hostile_table(people, tree, measured):
    seed_programme(tree.district)
    client = _client(people.ward)

    def refusal(response) -> list[str]:  # type: ignore[no-untyped-def]
        return [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]

    _check(
        sample(corpus.value_tables()),
        measured,
        lambda h: client.post(ENTRY + "upload/", {"file": _file(h.name, h.data)}),
        refusal,
    )


def test_the_document_upload_refuses_every_hostile_file(people, tree, measured):
    client = _client(people.ward)
    _check(
        sample(corpus.document_files()),
        measured,
        lambda h: client.post(
            "/documents/upload/", {"file": _file(h.name, h.data), "owner": tree.ward.code}
        ),
        _errors,
    )


@pytest.fixture
def contest(tree):  # type: ignore[no-untyped-def]
    return ContestFactory(unit=tree.ward, name="Cuộc thi viết phường Khương Mai")


def test_the_contest_bulk_import_refuses_every_hostile_entry_file(people, tree, contest, measured):
    client = _client(people.ward)

    def post(hostile):  # type: ignore[no-untyped-def]
        rows = [[hostile.name, "Bài", "Nguyễn Văn An", "1950", tree.ward.code, "Bài chính luận"]]
        table = write_table(".xlsx", CONTEST_HEADER, rows)
        files = [_file(hostile.name, hostile.data)]
        return client.post(
            f"/contests/{contest.pk}/entries/import/",
            {"files": files, "table": _file("danh-sach.xlsx", table)},
        )

    def refusal(response) -> list[str]:  # type: ignore[no-untyped-def]
        context = response.context or {}
        if context.get("error"):
            return [str(context["error"])]
        report = context.get("report")
        return [str(r.reason) for r in report.rejected] if report else []

    files = [h for h in corpus.document_files() if h.name.endswith((".docx", ".pdf", ".txt"))]
    _check(sample(files), measured, post, refusal)


def test_the_contest_bulk_import_refuses_every_hostile_table(people, tree, contest, measured):
    client = _client(people.ward)
    tables = sample([h for h in corpus.unit_tables() if h.name.endswith((".csv", ".xlsx"))])

    def refusal(response) -> list[str]:  # type: ignore[no-untyped-def]
        context = response.context or {}
        if context.get("error"):
            return [str(context["error"])]
        report = context.get("report")
        return [str(r.reason) for r in report.rejected] if report else []

    _check(
        tables,
        measured,
        lambda h: client.post(
            f"/contests/{contest.pk}/entries/import/", {"table": _file(h.name, h.data)}
        ),
        refusal,
    )
