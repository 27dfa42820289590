import pytest
from django.core.exceptions import PermissionDenied

from tongket.contests.dedup import Fingerprint
from tongket.contests.intake import AuthorInput, EntryInput, EntryRefused, submit_entry
from tongket.contests.models import Author, EventKind
from tongket.contests.tests.factories import EntryFactory, essay_text
from tongket.contests.tests.test_texts import docx_bytes


def item(unit, **changes):  # type: ignore[no-untyped-def]
    values = {
        "title": "Niềm tin từ cơ sở",
        "submitting_unit": unit,
        "authors": [AuthorInput("Trần Thị Bình", 1975)],
        "category": "Bài chính luận",
        "text": essay_text(1),
    }
    return EntryInput(**(values | changes))


def test_a_reporter_receives_an_entry_with_a_receipt_and_a_random_code(contest, tree, people):
    first = submit_entry(by=people.ward, contest=contest, item=item(tree.cell))
    second = submit_entry(by=people.ward, contest=contest, item=item(tree.ward))
    assert (first.receipt_number, second.receipt_number) == ("0001/2023", "0002/2023")
    assert first.code != second.code and len(first.code) == 6
    assert first.received_by == people.ward
    assert first.events.get().kind == EventKind.RECEIVED


def test_the_fingerprint_is_stored_at_intake(contest, tree):
    entry = EntryFactory(contest=contest, unit=tree.ward, text=essay_text(7))
    stored = Fingerprint.from_bytes(bytes(entry.fingerprint.data))
    assert len(stored.shingles) == 116


def test_an_author_with_several_entries_is_one_author(contest, tree):
    EntryFactory(contest=contest, unit=tree.ward, authors=[AuthorInput("Lê Văn Cường", 1950)])
    EntryFactory(
        contest=contest,
        unit=tree.ward,
        authors=[AuthorInput("LÊ VĂN  CƯỜNG", 1950), AuthorInput("Phạm Thị Dung", 1990)],
    )
    assert Author.objects.filter(contest=contest).count() == 2


def test_a_docx_entry_takes_its_text_from_the_file(contest, tree, people):
    data = docx_bytes("Bảo vệ nền tảng tư tưởng", "của Đảng")
    entry = submit_entry(
        by=people.ward,
        contest=contest,
        item=item(tree.ward, text="", file_name="bai.docx", file_data=data),
    )
    assert entry.text.startswith("Bảo vệ nền tảng tư tưởng\ncủa Đảng")
    assert entry.file.name == "bai.docx"


def test_a_file_of_another_type_is_refused(contest, tree, people):
    with pytest.raises(EntryRefused, match="không đúng loại"):
        submit_entry(
            by=people.ward,
            contest=contest,
            item=item(tree.ward, file_name="bai.exe", file_data=b"MZ"),
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"authors": []}, "ít nhất một tác giả"),
        ({"authors": [AuthorInput("Ông Già", 1900)]}, "Năm sinh"),
        ({"category": "Thơ"}, "Thể loại"),
        ({"text": "   "}, "không có nội dung"),
        ({"title": ""}, "tên bài"),
    ],
)
def test_incomplete_entries_are_refused(contest, tree, people, changes, message):
    with pytest.raises(EntryRefused, match=message):
        submit_entry(by=people.ward, contest=contest, item=item(tree.ward, **changes))
    assert not contest.entries.exists()


def test_another_wards_reporter_cannot_submit(contest, tree, people):
    with pytest.raises(PermissionDenied):
        submit_entry(by=people.otherward, contest=contest, item=item(tree.ward))


def test_a_reporter_cannot_submit_for_a_unit_outside_the_contest(contest, tree, people):
    with pytest.raises(PermissionDenied):
        submit_entry(by=people.district, contest=contest, item=item(tree.district))


def test_a_judge_on_the_jury_cannot_submit(seated, tree, people):
    with pytest.raises(PermissionDenied):
        submit_entry(by=people.judge, contest=seated, item=item(tree.ward))
