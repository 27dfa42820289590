"""A tiny PDF writer for tests: real text in a Type0 font with a ToUnicode map.

Vietnamese does not fit the standard 14 fonts' encodings, so each distinct character
gets a two-byte code and the ToUnicode CMap says which character it is, which is all a
text extractor reads. No glyphs are embedded: the file is for parsing, not printing.
"""


def make_pdf(pages: list[list[str]]) -> bytes:
    characters = sorted({char for lines in pages for line in lines for char in line})
    code = {char: index + 1 for index, char in enumerate(characters)}
    cmap = _to_unicode(code)
    objects: list[bytes] = []
    page_ids = [5 + 2 * index for index in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Demo /Encoding /Identity-H"
        b" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Demo"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /DW 500 >>] /ToUnicode 4 0 R >>"
    )
    objects.append(_stream(cmap))
    for page_id, lines in zip(page_ids, pages, strict=True):
        content = (
            b"BT /F1 11 Tf 14 TL 50 800 Td "
            + b" ".join(
                b"<" + "".join(f"{code[char]:04X}" for char in line).encode() + b"> Tj T*"
                for line in lines
            )
            + b" ET"
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            f" /Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>".encode()
        )
        objects.append(_stream(content))
    return _assemble(objects)


def _to_unicode(code: dict[str, int]) -> bytes:
    entries = "\n".join(
        f"<{number:04X}> <{char.encode('utf-16-be').hex().upper()}>"
        for char, number in code.items()
    )
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Demo-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(code)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def _stream(data: bytes) -> bytes:
    return b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
