"""A corpus of hostile files, generated: malformed, oversized, tricky or half-good.

Every file here must be refused by the importer it is meant for, with one line, and
nothing written. Each is made by code (a few bytes to a few hundred KB), so the
corpus stays out of the repository and can grow by a line.

`tables` are for the units and values importers (CSV, XLSX, JSON), `documents` for the
document register and `tongket cite` (DOCX, PDF, text); `good_*` rows are valid on the
test tree, so a file mixing them with one bad row checks that imports are atomic.
"""

import functools
import io
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from openpyxl import Workbook


@dataclass(frozen=True)
class Hostile:
    name: str  # the file name, whose suffix picks the parser
    data: bytes
    why: str

    @property
    def id(self) -> str:
        return f"{self.why}:{self.name}"


UNIT_HEADER = ["code", "name", "kind", "parent"]
GOOD_UNITS = [
    ["HN-THANHXUAN-KHUONGMAI-TDP02", "Chi bộ Tổ dân phố số 2", "cell", "HN-THANHXUAN-KHUONGMAI"],
    ["HN-THANHXUAN-KHUONGMAI-TDP03", "Chi bộ Tổ dân phố số 3", "cell", "HN-THANHXUAN-KHUONGMAI"],
]
VALUE_HEADER = ["unit", "indicator", "option", "period", "value"]
GOOD_VALUES = [
    ["HN-THANHXUAN-KHUONGMAI", "CBCC_TONG", "", "2023", "20"],
    ["HN-THANHXUAN-KHUONGMAI", "CBCC_DAHOC", "", "2023", "15"],
]

# Cells a spreadsheet would run as a formula when the file is opened again.
FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","x")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+SUM(1,2)",
    "-SUM(1,2)",
    '=WEBSERVICE("http://example.invalid")',
    '=IMPORTXML(A1,"//a")',
]
# Values that are not a plain number in any importer.
BAD_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, "0x1F", "١٢", "abc", "1,2,3"]
BAD_UNIT_ROWS = [
    ["HN-BAD", "Không có cấp trên", "cell", "KHONG-CO"],  # unknown parent
    ["HCM-QUAN1-BENNGHE-X", "Ngoài phạm vi", "cell", "HCM-QUAN1-BENNGHE"],  # outside the subtree
    ["", "Thiếu mã", "cell", "HN-THANHXUAN-KHUONGMAI"],
    ["HN-X", "Loại lạ", "no-such-kind", "HN-THANHXUAN-KHUONGMAI"],
    ["HN-THANHXUAN-KHUONGMAI-TDP02", "Trùng mã", "cell", "HN-THANHXUAN-KHUONGMAI"],
    ["HN-" + "X" * 300, "Mã quá dài", "cell", "HN-THANHXUAN-KHUONGMAI"],
    ["HN-Y", "N" * 5000, "cell", "HN-THANHXUAN-KHUONGMAI"],
]
BAD_VALUE_ROWS = [
    ["HCM-QUAN1-BENNGHE", "CBCC_TONG", "", "2023", "9"],  # outside the subtree
    ["HN-THANHXUAN-KHUONGMAI", "KHONG_CO", "", "2023", "9"],
    ["HN-THANHXUAN-KHUONGMAI", "CBCC_TONG", "", "2023Q9", "9"],
    ["HN-THANHXUAN-KHUONGMAI", "CBCC_TONG", "", "không phải kỳ", "9"],
    ["KHONG-CO", "CBCC_TONG", "", "2023", "9"],
    ["HN-THANHXUAN-KHUONGMAI", "CBCC_TONG", "", "2023", "-5"],
    ["HN-THANHXUAN-KHUONGMAI", "CBCC_TONG", "", "2023", "1" * 30],
    ["HN-THANHXUAN-KHUONGMAI", "CBCC_TONG", "khong-co", "2023", "9"],
]


def csv_bytes(rows: list[list[str]], *, newline: str = "\r\n", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    for row in rows:
        out.write(",".join(_quoted(cell) for cell in row) + newline)
    text = out.getvalue()
    if encoding == "cp1258":  # Vietnamese in cp1258 is written decomposed
        text = unicodedata.normalize("NFD", text)
    return text.encode(encoding, errors="replace")


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as a pasted cell is
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    import json

    return json.dumps([dict(zip(header, row, strict=True)) for row in rows]).encode()


def rezip(data: bytes, change: Callable[[str, bytes], list[tuple[str, bytes]]]) -> bytes:
    """The archive with each member passed through `change` (which may drop or add)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            for name, content in change(item.filename, source.read(item)):
                target.writestr(name, content)
    return out.getvalue()


def zip_of(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)
PARAMETER_ENTITY = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>\n'
XML_TRICKS = {
    "billion-laughs": (BILLION_LAUGHS, b"&lol9;"),
    "external-entity": (EXTERNAL_ENTITY, b"&xxe;"),
    "parameter-entity": (PARAMETER_ENTITY, b"x"),
}
TRAVERSAL_NAMES = [
    "../../../../tmp/tongket-pwned.txt",
    "/etc/tongket-pwned.txt",
    "..\\..\\tongket-pwned.txt",
    "xl/../../tongket-pwned.txt",
    "C:/Windows/tongket-pwned.txt",
]


def _after_decl(root: bytes, payload: bytes) -> bytes:
    text = root.split(b"?>", 1)[1] if root.startswith(b"<?xml") else root
    first = text.find(b">")
    return text[: first + 1] + payload + text[first + 1 :]


def zip_bomb(
    inner_name: str, *, size: int = 64 * 1024 * 1024, extra: dict[str, bytes] | None = None
) -> bytes:
    """A ZIP whose one member expands from ~64 KB to `size` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, content in (extra or {}).items():
            target.writestr(name, content)
        with target.open(inner_name, "w", force_zip64=True) as stream:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                stream.write(chunk)
    return out.getvalue()


def many_members(count: int = 10_050) -> bytes:
    return zip_of({f"m/{index}.xml": b"" for index in range(count)}, compression=zipfile.ZIP_STORED)


def tables(
    header: list[str], good: list[list[str]], bad_rows: list[list[str]]
) -> Iterator[Hostile]:
    """Hostile CSV, XLSX and JSON tables for an importer with these columns."""
    body = [header, *good]
    good_csv = csv_bytes(body)
    # Encodings that are not UTF-8.
    for encoding in ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1258"]:
        if encoding == "cp1258" and good_csv.isascii():
            continue  # ASCII in cp1258 is also UTF-8: nothing hostile about it
        yield Hostile("t.csv", csv_bytes(body, encoding=encoding), f"encoding-{encoding}")
    yield Hostile("t.csv", "\ufeff\ufeff".encode() + csv_bytes(body)[3:], "double-bom")
    for line in range(1, len(body) + 1):
        lines = good_csv.split(b"\r\n")
        broken = lines.copy()
        broken[line - 1] = broken[line - 1] + b"\xff\xfe\xc3"
        yield Hostile("t.csv", b"\r\n".join(broken), f"invalid-utf8-line{line}")
        broken = lines.copy()
        broken[line - 1] = broken[line - 1][:3] + b"\x00" + broken[line - 1][3:]
        yield Hostile("t.csv", b"\r\n".join(broken), f"nul-line{line}")
        broken = lines.copy()
        broken[line - 1] = broken[line - 1] + b"\xed\xa0\x80"  # a UTF-8-encoded surrogate
        yield Hostile("t.csv", b"\r\n".join(broken), f"surrogate-line{line}")
    yield Hostile("t.csv", b"", "empty")
    yield Hostile("t.csv", b"\xef\xbb\xbf", "only-bom")
    yield Hostile("t.csv", b"\r\n\r\n\n", "only-newlines")
    yield Hostile("t.csv", csv_bytes([header]), "header-only")
    yield Hostile("t.csv", csv_bytes([["a", "b", "c"], ["1", "2", "3"]]), "wrong-header")
    yield Hostile("t.csv", csv_bytes([header[:-1], *[r[:-1] for r in good]]), "missing-column")
    yield Hostile(
        "t.csv", csv_bytes([header, *good]) + b'"' + b"x" * 140_000 + b'"\r\n', "field-over-limit"
    )
    yield Hostile("t.csv", csv_bytes([header, *good]) + b'"unclosed,quote\r\n', "unclosed-quote")
    yield Hostile("t.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary-as-csv")
    yield Hostile("t.csv", b"PK\x03\x04" + b"\x00" * 60, "zip-as-csv")
    for index, bad in enumerate(bad_rows):
        for newline in ["\r\n", "\n", "\r"]:
            rows = [header, good[0], bad, good[1]]
            yield Hostile(
                "t.csv",
                csv_bytes(rows, newline=newline),
                f"atomic{index}-nl{len(newline)}{newline[-1] == chr(13)}",
            )
        yield Hostile("t.xlsx", xlsx_bytes([header, good[0], bad, good[1]]), f"atomic{index}")
        yield Hostile("t.json", json_bytes(header, [good[0], bad, good[1]]), f"atomic{index}")
    mixed = (
        ",".join(header).encode()
        + b"\r\n"
        + ",".join(good[0]).encode()
        + b"\n"
        + ",".join(bad_rows[0]).encode()
        + b"\r"
        + ",".join(good[1]).encode()
        + b"\r\n"
    )
    yield Hostile("t.csv", mixed, "mixed-newlines-bad-row")
    for position, formula in enumerate(FORMULAS):
        column = position % len(header)
        row = [*good[0]]
        row[column] = formula
        yield Hostile("t.csv", csv_bytes([header, row, good[1]]), f"formula{position}-csv")
        yield Hostile("t.xlsx", xlsx_bytes([header, row, good[1]]), f"formula{position}-xlsx")
    # XLSX whose structure is broken or hostile.
    good_xlsx = xlsx_bytes(body)
    yield Hostile("t.xlsx", good_xlsx[: len(good_xlsx) // 2], "truncated-xlsx")
    yield Hostile("t.xlsx", b"PK\x03\x04" + b"\x00" * 200, "corrupt-xlsx")
    yield Hostile("t.xlsx", good_csv, "csv-named-xlsx")
    yield Hostile("t.xlsx", zip_of({"hello.txt": b"hi"}), "zip-not-xlsx")
    yield Hostile(
        "t.xlsx",
        rezip(
            good_xlsx,
            lambda n, c: (
                []
                if n.startswith("xl/worksheets/")
                else [
                    (
                        n,
                        c.replace(b'<sheet name="Sheet" sheetId="1" r:id="rId1"/>', b"")
                        if n == "xl/workbook.xml"
                        else c,
                    )
                ]
            ),
        ),
        "no-sheet",
    )
    yield Hostile(
        "t.xlsx",
        rezip(good_xlsx, lambda n, c: [] if n == "xl/workbook.xml" else [(n, c)]),
        "no-workbook-part",
    )
    yield Hostile(
        "t.xlsx",
        rezip(
            good_xlsx, lambda n, c: [(n, c[: len(c) // 2] if n.startswith("xl/worksheets/") else c)]
        ),
        "truncated-sheet-xml",
    )
    for trick, (prolog, payload) in XML_TRICKS.items():
        for part in [
            "xl/worksheets/sheet1.xml",
            "xl/workbook.xml",
            "[Content_Types].xml",
            "xl/styles.xml",
        ]:
            yield Hostile(
                "t.xlsx",
                rezip(
                    good_xlsx,
                    lambda n, c, part=part, prolog=prolog, payload=payload: [
                        (n, prolog + _after_decl(c, payload) if n == part else c)
                    ],
                ),
                f"{trick}-{part}",
            )
    for index, name in enumerate(TRAVERSAL_NAMES):
        yield Hostile(
            "t.xlsx",
            rezip(
                good_xlsx,
                lambda n, c, name=name: (
                    [(n, c)] + ([(name, b"pwned")] if n == "xl/workbook.xml" else [])
                ),
            ),
            f"traversal{index}-xlsx",
        )
    yield Hostile(
        "t.xlsx",
        zip_bomb("xl/worksheets/sheet1.xml", extra={"[Content_Types].xml": b"<x/>"}),
        "zip-bomb-xlsx",
    )
    yield Hostile("t.xlsx", many_members(), "many-members-xlsx")
    for index, value in enumerate(BAD_NUMBERS[:4]):
        rows = [header, good[0], [*good[1][:-1], value]]
        yield Hostile("t.xlsx", xlsx_bytes(rows), f"xlsx-value{index}")
        yield Hostile("t.csv", csv_bytes(rows), f"csv-value{index}")
    # JSON that is not what an importer reads.
    items = json_bytes(header, good)
    for name, data in {
        "deep": b"[" * 100_000 + b"]" * 100_000,
        "deep-objects": b'{"a":' * 5000 + b"1" + b"}" * 5000,
        "long-number": b'[{"' + header[0].encode() + b'": ' + b"9" * 5000 + b"}]",
        "nan": b'[{"' + header[0].encode() + b'": NaN}]',
        "nul": items.replace(b'"' + good[0][0].encode(), b'"\\u0000' + good[0][0].encode(), 1),
        "not-array": b'{"rows": []}',
        "array-of-numbers": b"[1, 2, 3]",
        "truncated": items[: len(items) // 2],
        "utf16": items.decode().encode("utf-16"),
        "invalid-utf8": items[:10] + b"\xff" + items[10:],
        "trailing-garbage": items + b"}}",
        "empty": b"",
        "bom-only": b"\xef\xbb\xbf",
        "lone-surrogate": items.replace(
            b'"' + good[0][0].encode(), b'"\\ud800' + good[0][0].encode(), 1
        ),
    }.items():
        yield Hostile("t.json", data, f"json-{name}")


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_with_stream(stream: bytes, *, filter_name: bytes = b"/FlateDecode") -> bytes:
    """A minimal one-page PDF whose content stream is `stream` (already encoded)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filter_name)
        + stream
        + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _flate_bomb(size: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b"\x00" * (1024 * 1024)
    return b"".join(packer.compress(chunk) for _ in range(size // len(chunk))) + packer.flush()


def documents() -> Iterator[Hostile]:
    """Hostile DOCX, PDF and text files for the document register and `tongket cite`."""
    good = _docx("Kế hoạch số 115-KH/HU thực hiện Nghị quyết số 35-NQ/TW.")
    yield Hostile("d.docx", good[: len(good) // 2], "truncated-docx")
    yield Hostile("d.docx", b"PK\x03\x04" + b"\x00" * 300, "corrupt-docx")
    yield Hostile("d.docx", b"not a zip at all", "text-named-docx")
    yield Hostile("d.docx", zip_of({"hello.txt": b"hi"}), "zip-not-docx")
    yield Hostile(
        "d.docx",
        rezip(good, lambda n, c: [] if n == "word/document.xml" else [(n, c)]),
        "no-document-part",
    )
    yield Hostile(
        "d.docx",
        rezip(good, lambda n, c: [(n, c[: len(c) // 2] if n == "word/document.xml" else c)]),
        "truncated-document-xml",
    )
    for trick, (prolog, payload) in XML_TRICKS.items():
        for part in ["word/document.xml", "[Content_Types].xml", "word/styles.xml", "_rels/.rels"]:
            yield Hostile(
                "d.docx",
                rezip(
                    good,
                    lambda n, c, part=part, prolog=prolog, payload=payload: [
                        (n, prolog + _after_decl(c, payload) if n == part else c)
                    ],
                ),
                f"{trick}-{part}",
            )
    for index, name in enumerate(TRAVERSAL_NAMES):
        yield Hostile(
            "d.docx",
            rezip(
                good,
                lambda n, c, name=name: (
                    [(n, c)] + ([(name, b"pwned")] if n == "word/document.xml" else [])
                ),
            ),
            f"traversal{index}-docx",
        )
    yield Hostile(
        "d.docx",
        zip_bomb("word/document.xml", extra={"[Content_Types].xml": b"<x/>"}),
        "zip-bomb-docx",
    )
    yield Hostile("d.docx", many_members(), "many-members-docx")
    # PDFs.
    text_stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Nghi quyet 35-NQ/TW) Tj ET")
    good_pdf = _pdf_with_stream(text_stream)
    yield Hostile("d.pdf", b"%PDF-", "signature-only")
    yield Hostile("d.pdf", b"%PDF-1.4\n" + b"\x00" * 500, "nul-body")
    yield Hostile("d.pdf", good_pdf[: len(good_pdf) // 2], "truncated-pdf")
    yield Hostile(
        "d.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        "self-referencing-pages",
    )
    yield Hostile("d.pdf", _pdf_with_stream(_flate_bomb(64 * 1024 * 1024)), "flate-bomb")
    yield Hostile("d.pdf", _pdf_with_stream(b"garbage that is not flate"), "bad-flate")
    yield Hostile("d.pdf", good_pdf.replace(b"startxref\n", b"startxref\n999999"), "bad-xref")
    yield Hostile("d.pdf", good, "docx-named-pdf")
    yield Hostile("d.pdf", b"<html><script>alert(1)</script></html>", "html-named-pdf")
    # Plain text with encodings the register does not read.
    sample = "Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị."
    for encoding in ["utf-16", "utf-32", "cp1258"]:
        encoded = unicodedata.normalize("NFD", sample).encode(encoding, errors="replace")
        yield Hostile("d.txt", encoded, f"text-{encoding}")
    yield Hostile("d.txt", sample.encode() + b"\xff\xfe", "text-invalid-utf8")
    yield Hostile("d.txt", b"", "text-empty")
    yield Hostile("d.exe", b"MZ" + b"\x00" * 100, "wrong-suffix")
    yield Hostile("d.docm", good, "macro-suffix")


@functools.cache
def unit_tables() -> list[Hostile]:
    return list(tables(UNIT_HEADER, GOOD_UNITS, BAD_UNIT_ROWS))


@functools.cache
def value_tables() -> list[Hostile]:
    return list(tables(VALUE_HEADER, GOOD_VALUES, BAD_VALUE_ROWS))


@functools.cache
def document_files() -> list[Hostile]:
    return list(documents())
