import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tongket.documents.actions import confirm_link, reject_link, upload_document
from tongket.documents.demo import city_plan, official_docx
from tongket.documents.models import Citation, Document, DocumentStatus, ImplementsLink
from tongket.documents.tests.conftest import plan_docx
from tongket.lib.uploads import UploadError


def _upload(people, tree, data=None, *, by="district", owner="district", name="kh.docx", **kw):
    return upload_document(
        by=getattr(people, by),
        name=name,
        data=data if data is not None else plan_docx(),
        owner=getattr(tree, owner) if owner else None,
        **kw,
    )


def _cited(document):
    return {c.to_document.symbol: c for c in document.citations.select_related("to_document")}


def test_upload_reads_the_documents_own_number_from_its_header(people, tree):
    document = _upload(people, tree)
    assert (document.doc_type, document.symbol, document.number) == ("Kế hoạch", "09-KH/QU", "09")
    assert document.issue_date == date(2019, 3, 15)
    assert document.issuer == "Quận ủy Thanh Xuân"
    assert document.status == DocumentStatus.UPLOADED and document.file


def test_upload_cites_each_other_document_once_but_not_itself(people, tree):
    document = _upload(people, tree)
    cited = _cited(document)
    assert set(cited) == {"135-KH/TU", "35-NQ/TW"}
    assert cited["35-NQ/TW"].count == 3  # summary, body, "Nghị quyết 35"
    assert cited["35-NQ/TW"].cited_as["issuer"] == "Bộ Chính trị"


def test_cited_documents_not_in_the_register_become_referenced_entries(people, tree):
    _upload(people, tree)
    resolution = Document.objects.get(symbol="35-NQ/TW")
    city_plan_entry = Document.objects.get(symbol="135-KH/TU")
    assert resolution.status == city_plan_entry.status == DocumentStatus.REFERENCED
    assert resolution.owner is None and resolution.issue_date == date(2018, 10, 22)
    # "TU" cited by a Thanh Xuân document is the Hà Nội city committee's.
    assert city_plan_entry.owner == tree.city


def test_upload_proposes_what_the_text_says_implements_what(people, tree):
    document = _upload(people, tree)
    links = {
        (link.from_document.symbol, link.to_document.symbol, link.found_in_id)
        for link in ImplementsLink.objects.select_related("from_document", "to_document")
    }
    assert links == {("09-KH/QU", "135-KH/TU", document.pk), ("135-KH/TU", "35-NQ/TW", document.pk)}
    assert set(ImplementsLink.objects.values_list("status", flat=True)) == {"proposed"}


def test_uploading_a_referenced_document_turns_the_entry_into_it(people, tree):
    district_plan = _upload(people, tree)
    referenced = Document.objects.get(symbol="135-KH/TU")
    uploaded = _upload(people, tree, official_docx(city_plan()), by="city", owner="city")
    assert uploaded.pk == referenced.pk and uploaded.status == DocumentStatus.UPLOADED
    assert Document.objects.filter(symbol_key="135-KH/TU").count() == 1
    assert _cited(district_plan)["135-KH/TU"].to_document_id == uploaded.pk
    assert uploaded.title.startswith("Thực hiện Nghị quyết số 35-NQ/TW")


def test_the_same_document_cannot_be_uploaded_twice(people, tree):
    _upload(people, tree)
    with pytest.raises(UploadError, match="đã có trong sổ"):
        _upload(people, tree)


def test_the_same_symbol_of_two_districts_is_two_documents(people, tree, ba_dinh):
    ours = _upload(people, tree)
    theirs = upload_document(
        by=people.city, name="bd.docx", data=plan_docx(issuer="QUẬN ỦY BA ĐÌNH"), owner=ba_dinh
    )
    assert theirs.pk != ours.pk and theirs.symbol == ours.symbol


def test_a_ward_citing_its_district_plan_finds_that_districts_entry(people, tree, ba_dinh):
    upload_document(
        by=people.city,
        name="bd.docx",
        data=plan_docx(issuer="QUẬN ỦY BA ĐÌNH"),
        owner=ba_dinh,
    )
    ours = _upload(people, tree)
    ward_plan = plan_docx(
        issuer="ĐẢNG ỦY PHƯỜNG KHƯƠNG MAI",
        number="15-KH/ĐU",
        summary=("thực hiện Kế hoạch số 09-KH/QU của Ban Thường vụ Quận ủy",),
        body=("Quán triệt Kế hoạch số 09-KH/QU đến các chi bộ.",),
    )
    ward = _upload(people, tree, ward_plan, by="ward", owner="ward")
    assert _cited(ward)["09-KH/QU"].to_document_id == ours.pk


def test_a_mention_without_symbol_joins_the_one_document_it_can_mean(people, tree):
    _upload(people, tree)
    text = "KẾ HOẠCH\nvề tuyên truyền\nTiếp tục quán triệt Nghị quyết 35 của Bộ Chính trị."
    document = _upload(
        people, tree, text.encode(), name="kh.txt", doc_type="Kế hoạch", symbol="20-KH/QU"
    )
    assert list(_cited(document)) == ["35-NQ/TW"]


def test_what_the_uploader_types_wins_over_the_header(people, tree):
    document = _upload(
        people,
        tree,
        symbol="10 – kh/qu",
        title="Kế hoạch tuyên truyền",
        issue_date=date(2019, 4, 1),
    )
    assert (document.symbol, document.number, document.title) == (
        "10-KH/QU",
        "10",
        "Kế hoạch tuyên truyền",
    )
    assert document.issue_date == date(2019, 4, 1)
    assert "09-KH/QU" not in _cited(document)  # the header's number is still the document


def test_a_symbol_that_is_not_one_is_refused(people, tree):
    with pytest.raises(UploadError, match="không phải số, ký hiệu"):
        _upload(people, tree, symbol="hello")


def test_a_text_with_no_type_asks_for_one(people, tree):
    with pytest.raises(UploadError, match="hãy chọn loại"):
        _upload(people, tree, "Ghi chép cuộc họp.".encode(), name="note.txt")


def test_reporters_upload_only_inside_their_subtree(people, tree):
    with pytest.raises(PermissionDenied):
        _upload(people, tree, by="ward", owner="district")
    with pytest.raises(PermissionDenied):
        _upload(people, tree, by="judge", owner="district")  # a viewer
    with pytest.raises(PermissionDenied):
        _upload(people, tree, by="district", owner=None)  # bodies outside the tree: admins


def test_wrong_file_types_are_refused_before_reading(people, tree):
    with pytest.raises(UploadError, match="không đúng loại"):
        _upload(people, tree, b"MZ\x90\x00", name="virus.exe")
    with pytest.raises(UploadError, match=r"không phải tệp \.pdf"):
        _upload(people, tree, b"<html>", name="fake.pdf")
    assert not Document.objects.exists()


def test_a_zip_bomb_dressed_as_docx_is_refused(people, tree):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 50_000_000)
    with pytest.raises(UploadError, match="dung lượng khi giải nén bất thường"):
        _upload(people, tree, buffer.getvalue(), name="bomb.docx")


def _stored_files(storage, folder="documents"):
    if not storage.exists(folder):
        return []
    folders, files = storage.listdir(folder)
    return files + [f for sub in folders for f in _stored_files(storage, f"{folder}/{sub}")]


def test_a_failed_upload_leaves_no_file_behind(people, tree, monkeypatch):
    from django.core.files.storage import default_storage

    def fail(*args):
        raise RuntimeError

    before = _stored_files(default_storage)
    monkeypatch.setattr("tongket.documents.actions._record", fail)
    with pytest.raises(RuntimeError):
        _upload(people, tree)
    assert _stored_files(default_storage) == before
    assert not Document.objects.exists()


def _link(source, target):
    return ImplementsLink.objects.get(from_document__symbol=source, to_document__symbol=target)


def test_a_manager_of_the_implementing_unit_confirms(people, tree, programme):
    _upload(people, tree, programme=programme)
    link = confirm_link(by=people.district, link=_link("09-KH/QU", "135-KH/TU"))
    assert link.status == "confirmed" and link.decided_by == people.district
    # The implemented document joins the programme… only when it has none of its own.
    assert link.from_document.programme == programme


def test_reporters_and_other_branches_cannot_decide(people, tree):
    _upload(people, tree)
    link = _link("09-KH/QU", "135-KH/TU")
    for user in (people.ward, people.otherward, people.judge):
        with pytest.raises(PermissionDenied):
            confirm_link(by=user, link=link)
        with pytest.raises(PermissionDenied):
            reject_link(by=user, link=link)


def test_a_district_cannot_decide_for_its_city(people, tree):
    _upload(people, tree)
    link = _link("135-KH/TU", "35-NQ/TW")  # stated in the district's text, about the city's plan
    with pytest.raises(PermissionDenied):
        confirm_link(by=people.district, link=link)
    assert reject_link(by=people.city, link=link).status == "rejected"


def test_a_rejected_link_is_not_proposed_again(people, tree):
    _upload(people, tree)
    reject_link(by=people.city, link=_link("135-KH/TU", "35-NQ/TW"))
    _upload(people, tree, plan_docx(number="10-KH/QU"))
    assert _link("135-KH/TU", "35-NQ/TW").status == "rejected"


def test_citations_are_stored_with_offsets_into_the_stored_text(people, tree):
    document = _upload(people, tree)
    citation = Citation.objects.get(from_document=document, to_document__symbol="135-KH/TU")
    start, end = citation.mentions[0]
    assert document.text[start:end] == "Kế hoạch số 135-KH/TU"
