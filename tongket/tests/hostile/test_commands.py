"""The hostile corpus through the command line: each file refused in one line, nothing written.

The commands run in-process (their Django command objects, as `tongket` calls them),
so one test goes through a few hundred files in seconds; one file per command also
goes through a real `tongket` process, to see the exit code and stderr a user sees.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tongket.conftest import run
from tongket.programmes.demo import seed_programme
from tongket.tests.hostile import corpus
from tongket.tests.hostile.conftest import assert_bounded, row_counts


def _refusals(files, tmp_path, measured, *args):  # type: ignore[no-untyped-def]
    problems = []
    for index, hostile in enumerate(files):
        path = tmp_path / f"{index}-{hostile.name}"
        path.write_bytes(hostile.data)
        before = row_counts()
        result, cost = measured(
            lambda path=path: call_command(*args[:1], *args[1:2], str(path), *args[2:])
        )
        assert_bounded(cost, hostile.id)
        if not isinstance(result, CommandError):
            problems.append(f"{hostile.id}: not refused ({result!r})")
        elif "\n" in str(result).strip() or not str(result).strip():
            problems.append(f"{hostile.id}: message not one line: {result}")
        if row_counts() != before:
            problems.append(f"{hostile.id}: wrote rows")
    return problems


def test_the_units_importer_refuses_every_hostile_table(people, tmp_path, measured):
    files = corpus.unit_tables()
    assert len(files) > 100
    problems = _refusals(files, tmp_path, measured, "import", "units", "--user", "city")
    assert not problems, "\n".join(problems)


def test_the_values_importer_refuses_every_hostile_table(people, tree, tmp_path, measured):
    seed_programme(tree.district)
    files = corpus.value_tables()
    assert len(files) > 100
    problems = _refusals(files, tmp_path, measured, "import", "values", "--user", "ward")
    assert not problems, "\n".join(problems)


def test_cite_refuses_every_hostile_document(db, tmp_path, measured):
    # An empty text cites nothing, which is an answer, not an error.
    files = [
        h
        for h in corpus.document_files()
        if h.name.endswith((".docx", ".pdf", ".txt")) and h.why != "text-empty"
    ]
    problems = _refusals(files, tmp_path, measured, "cite")
    assert not problems, "\n".join(problems)


def test_the_corpus_holds_at_least_two_hundred_files():
    total = len(corpus.unit_tables()) + len(corpus.value_tables()) + len(corpus.document_files())
    assert total >= 200


@pytest.mark.parametrize(
    ("args", "hostile"),
    [
        (["import", "units", "--user", "city"], "field-over-limit:t.csv"),
        (["import", "values", "--user", "ward"], "no-sheet:t.xlsx"),
        (["cite"], "billion-laughs-word/document.xml:d.docx"),
    ],
)
def test_a_real_tongket_process_exits_with_one_line(demo_var: Path, tmp_path, args, hostile):
    found = {h.id: h for h in corpus.unit_tables() + corpus.document_files()}[hostile]
    path = tmp_path / found.name
    path.write_bytes(found.data)
    result = run(
        [*args[:2], str(path), *args[2:]] if args[0] == "import" else [*args, str(path)], demo_var
    )
    stderr = result.stderr.decode().strip()
    assert result.returncode != 0
    assert stderr and "\n" not in stderr and "Traceback" not in stderr
