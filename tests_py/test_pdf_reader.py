"""The PDF reader: lines like the text reader's, on PDFs written here, on bad files, and on the corpus."""

from __future__ import annotations

import hashlib
import json
import math
import random
import struct
from collections import Counter
from collections.abc import Sequence
from dataclasses import FrozenInstanceError
from decimal import Decimal
from pathlib import Path

import pdf_oxide
import pytest

from conftest import corpus_dir
from ingest.model import IngestError, Line, ParsedDocument
from ingest.parse.document import parse_document
from ingest.pipeline import parse_file
from ingest.readers.layout import (
    ADJACENT,
    CELL_GAP_EM,
    MIN_SIZE,
    Glyph,
    PageChars,
    RawChar,
    drop_duplicates,
    glyph,
    group_lines,
    line_text,
    page_lines,
    page_raw_chars,
    run_page_lines,
)
from ingest.readers.pdf import new_line, read_pdf_document
from ingest.readers.pdf_chars import EM_DESCENT, one_per_character, page_chars, turned_boxes, visible_box
from ingest.readers.text import read_text_document

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------------------------------
# A minimal PDF writer: Helvetica (F1) for ASCII, a non-embedded Chinese CID font (F2) that readers map
# to Unicode through its built-in UniGB-UCS2-H CMap, an optional image (Im1), optional RC4 encryption.

PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def text_run(x: float, y: float, text: str, size: float = 12, matrix: str = "1 0 0 1") -> str:
    """One text object; ASCII in Helvetica, anything else in the Chinese font."""
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"BT /F1 {size} Tf {matrix} {x} {y} Tm ({escaped}) Tj ET\n"
    return f"BT /F2 {size} Tf {matrix} {x} {y} Tm <{text.encode('utf-16-be').hex()}> Tj ET\n"


def make_pdf(
    pages: list[str],
    width: float = 842,
    height: float = 595,
    rotate: int = 0,
    user_password: str | None = None,
) -> bytes:
    """A PDF whose pages have the given content streams (all pages share one size and rotation)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    helvetica = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    # (Strings in dictionaries are not encrypted below: encrypted test files use Helvetica only.)
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 2 >> /DW 1000 /FontDescriptor %d 0 R >>" % descriptor
    )
    song = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [%d 0 R] >>" % cid_font)
    image = add(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
    pages_ref = len(objects) + 2 * len(pages) + 1
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        stream = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Rotate %d /Resources << /Font << /F1 %d 0 R "
                b"/F2 %d 0 R >> /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_ref, str(width).encode(), str(height).encode(), rotate, helvetica, song, image, stream)
            )
        )
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))) == pages_ref
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)

    file_id = hashlib.md5(b"".join(objects)).digest()
    trailer_extra = b""
    if user_password is not None:
        # Standard security handler, revision 2 (40-bit RC4): every stream is encrypted with its object's key.
        permissions = -44
        padded_user = (user_password.encode("latin-1") + PASSWORD_PAD)[:32]
        padded_owner = (b"owner" + PASSWORD_PAD)[:32]
        owner_entry = rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
        key = hashlib.md5(padded_user + owner_entry + struct.pack("<i", permissions) + file_id).digest()[:5]
        user_entry = rc4(key, PASSWORD_PAD)
        for number, body in enumerate(objects, start=1):
            if b"\nstream\n" in body:
                head, rest = body.split(b"\nstream\n", 1)
                payload = rest[: -len(b"\nendstream")]
                object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
                objects[number - 1] = head + b"\nstream\n" + rc4(object_key, payload) + b"\nendstream"
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
            % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions)
        )
        trailer_extra = b" /Encrypt %d 0 R" % encrypt

    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        file_id.hex().encode(),
        file_id.hex().encode(),
        trailer_extra,
        xref,
    )
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(path: Path) -> list[str]:
    return [line.text for line in read_pdf_document(path)]


# A small table: (x, baseline y, text) in a landscape page, as a spreadsheet export prints it.
TABLE_RUNS = [
    (300, 540, "收入预算总表"),
    (60, 500, "201"),
    (140, 500, "一般公共服务支出"),
    (400, 500, "1,234.00"),
    (480, 500, "1,000.00"),
    (560, 500, "234.00"),
    (60, 480, "201"),
    (90, 480, "05"),
    (140, 480, "统计信息事务"),
    (400, 480, "1,000.00"),
    (560, 480, "1,000.00"),  # the middle cell is blank: nothing is printed there
    (60, 460, "208"),
    (90, 460, "05"),
    (115, 460, "99"),
    (140, 460, "其他社会保障和就业"),  # a name wrapped to the next line of its cell
    (400, 460, "234.00"),
    (140, 446, "支出"),
]
TABLE_LINES = [
    "收入预算总表",
    "201 一般公共服务支出 1,234.00 1,000.00 234.00",
    "201 05 统计信息事务 1,000.00 1,000.00",
    "208 05 99 其他社会保障和就业 234.00",
    "支出",
]


# (Every Chinese run here has two or more characters: the test Chinese font has no glyph outlines, and some
# readers skip a text object of one such glyph.)
def table_page(runs: Sequence[tuple[float, float, str]] = TABLE_RUNS) -> str:
    return "".join(text_run(x, y, text) for x, y, text in runs)


# ---------------------------------------------------------------------------------------------------
# Layout functions on hand-made glyphs


def cells(*items: tuple[float, str], top: float = 100, size: float = 12, advance: float = 6) -> list[Glyph]:
    """Glyphs of one line: each (x, text) is a cell whose characters touch, ``advance`` points each."""
    glyphs = []
    for x, text in items:
        for index, char in enumerate(text):
            left = x + index * advance
            glyphs.append(glyph(char, left, left + advance, top, top + size))
    return glyphs


def test_a_gap_between_cells_is_one_space_and_touching_characters_stay_together() -> None:
    line = cells((10, "201"), (40, "05"), (70, "行政运行"), (200, "1,234"), (300, "5,678"))
    assert line_text(line) == "201 05 行政运行 1,234 5,678"


def test_the_cell_gap_is_a_fraction_of_the_font_size() -> None:
    # 2 pt apart: a boundary at 6 pt type (a third of an em), not at 12 pt (a sixth).
    assert line_text(cells((0, "12"), (14, "34"), size=6)) == "12 34"
    assert line_text(cells((0, "12"), (14, "34"), size=12)) == "1234"


def test_no_space_before_closing_full_width_punctuation() -> None:
    line = cells((0, "能力"), (16, "，坚持"))  # justified text leaves 4 pt (a third of an em) before the comma
    line += cells((200, "（一）"))
    assert line_text(line) == "能力，坚持 （一）"


def test_printed_spaces_separate_words_once() -> None:
    line = cells((0, "XY"), (12, " "), (18, " "), (24, "Z"))
    assert line_text(line) == "XY Z"
    assert line_text(cells((0, " "), (6, "A"), (12, " "))) == "A"


def test_lines_are_grouped_by_height_and_read_left_to_right() -> None:
    upper = cells((200, "1,234"), (10, "行政运行"), top=100)
    lower = cells((10, "合计"), (200, "9"), top=115)
    jittered = cells((300, "5"), top=101.5)  # a cell printed a little lower is still on its row
    lines = group_lines(lower + jittered + upper)
    assert [line_text(line) for line in lines] == ["行政运行 1,234 5", "合计 9"]


def test_characters_drawn_twice_on_one_spot_are_read_once() -> None:
    line = cells((10, "2024年"), (10, "2024年"), (10.3, "2024年"), (100, "00"))
    assert line_text(drop_duplicates(sorted(line, key=lambda g: g.left))) == "2024年 00"


def raw(text: str, x: float, y: float, angle: float = 0.0, advance: float = 6, size: float = 12) -> list[RawChar]:
    return [RawChar(char, x + i * advance, y, x + (i + 1) * advance, y + size, angle) for i, char in enumerate(text)]


def raw_up(text: str, x: float, y: float, advance: float = 6, size: float = 12) -> list[RawChar]:
    """Characters running up the page (angle 270: clockwise, as RawChar), starting at user (x, y)."""
    return [RawChar(char, x - size, y + i * advance, x, y + (i + 1) * advance, 270.0) for i, char in enumerate(text)]


def test_characters_outside_the_page_or_slanted_are_not_read() -> None:
    page = (0.0, 0.0, 842.0, 595.0)
    chars = raw("208 01", 50, 500) + raw("208 01", 50, 900) + raw("8", -40, 500) + raw("DRAFT", 300, 300, angle=45)
    assert page_lines(chars, page) == ["208 01"]


def test_text_in_a_second_direction_is_read_in_its_own_direction_after_the_rest() -> None:
    page = (0.0, 0.0, 595.0, 842.0)
    table = raw_up("201", 300, 100) + raw_up("1,234", 300, 300) + raw_up("208", 320, 100) + raw_up("7", 320, 300)
    heading = raw("Budget", 250, 800)
    assert page_lines(table + heading, page) == ["201 1,234", "208 7", "Budget"]


# ---------------------------------------------------------------------------------------------------
# Generated PDFs


def test_a_table_page_reads_like_the_extracted_text(tmp_path: Path) -> None:
    path = write(tmp_path, "table.pdf", make_pdf([table_page()]))
    lines = read_pdf_document(path)
    assert [line.text for line in lines] == TABLE_LINES
    assert [(line.line_no, line.page_no) for line in lines] == [(n, 1) for n in range(1, 6)]


def test_blank_pages_keep_page_numbers_and_line_numbers_run_on(tmp_path: Path) -> None:
    path = write(tmp_path, "pages.pdf", make_pdf([text_run(60, 500, "first"), "", text_run(60, 500, "third")]))
    assert [(line.text, line.line_no, line.page_no) for line in read_pdf_document(path)] == [
        ("first", 1, 1),
        ("third", 2, 3),
    ]


def test_duplicate_and_off_page_copies_are_dropped(tmp_path: Path) -> None:
    content = table_page() + table_page()  # the whole table drawn twice on the same spot
    content += "".join(text_run(x + 0.3, y, text) for x, y, text in TABLE_RUNS)  # and "bold" by overprinting
    content += "".join(text_run(x, y + 700, text) for x, y, text in TABLE_RUNS)  # and a copy above the page
    content += "".join(text_run(x - 900, y, text) for x, y, text in TABLE_RUNS)  # and one left of it
    path = write(tmp_path, "copies.pdf", make_pdf([content]))
    assert texts(path) == TABLE_LINES


ASCII_RUNS = [(60, 500, "201"), (110, 500, "General"), (400, 500, "1,234.00"), (560, 500, "234.00"), (60, 480, "208 05"), (400, 480, "7")]
ASCII_LINES = ["201 General 1,234.00 234.00", "208 05 7"]


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_page_turned_with_rotate_reads_the_same(tmp_path: Path, rotate: int) -> None:
    page = "".join(text_run(x, y, text) for x, y, text in ASCII_RUNS)
    path = write(tmp_path, "turned.pdf", make_pdf([page], rotate=rotate))
    assert texts(path) == ASCII_LINES


def test_a_landscape_table_drawn_sideways_on_a_portrait_page_reads_in_its_own_direction(tmp_path: Path) -> None:
    # The text runs up a 595 x 842 page (the usual way to print a wide table): reading (x, y) is user (595 - y, x).
    # (ASCII only: some readers skip sideways glyphs of a font it has no outlines for, like the test CJK font.)
    up = "".join(text_run(595 - y, x, text, matrix="0 1 -1 0") for x, y, text in ASCII_RUNS)
    down = "".join(text_run(y, 842 - x, text, matrix="0 -1 1 0") for x, y, text in ASCII_RUNS)
    path = write(tmp_path, "sideways.pdf", make_pdf([up, down], width=595, height=842, rotate=90))
    assert texts(path) == ASCII_LINES * 2


def test_a_watermark_at_an_angle_is_not_read_into_the_lines(tmp_path: Path) -> None:
    page = table_page() + text_run(200, 100, "DRAFT COPY", size=60, matrix="0.7071 0.7071 -0.7071 0.7071")
    path = write(tmp_path, "watermark.pdf", make_pdf([page]))
    assert texts(path) == TABLE_LINES


# ---------------------------------------------------------------------------------------------------
# Files that cannot be read: one IngestError naming the file and the reason


def assert_ingest_error(path: Path, *reasons: str) -> str:
    with pytest.raises(IngestError) as caught:
        parse_file(path)  # through the pipeline, as the CLI does
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert any(reason in message.removeprefix(f"{path}: ") for reason in reasons), message  # (the path names the test)
    return message


def test_an_encrypted_pdf_is_named_as_needing_a_password(tmp_path: Path) -> None:
    data = make_pdf([table_page(ASCII_RUNS)], user_password="secret")
    document = pdf_oxide.PdfDocument.from_bytes(data)  # a real encrypted file: the password opens it
    assert document.authenticate("secret")
    assert "General" in "".join(c.char for c in document.extract_chars(0))
    assert_ingest_error(write(tmp_path, "locked.pdf", data), "encrypted", "password")


def test_a_truncated_pdf_is_named_as_damaged(tmp_path: Path) -> None:
    data = make_pdf([table_page()] * 3)
    assert_ingest_error(write(tmp_path, "cut.pdf", data[: len(data) // 2]), "damaged")
    # Cut after the cross-reference: a reader would rebuild it and read the pages that survived.
    assert_ingest_error(write(tmp_path, "cut_late.pdf", data[: data.rindex(b"%%EOF")]), "truncated")


@pytest.mark.corpus
def test_the_first_half_of_a_corpus_pdf_is_named_as_damaged(tmp_path: Path) -> None:
    sources = sorted(corpus_dir().glob("*.pdf"))
    if not sources:
        pytest.skip(f"no corpus PDFs in {corpus_dir()}")
    data = sources[0].read_bytes()
    assert_ingest_error(write(tmp_path, "half.pdf", data[: len(data) // 2]), "damaged", "truncated")


def test_random_bytes_named_pdf_are_not_a_pdf(tmp_path: Path) -> None:
    noise = bytes((index * 7919 + 13) % 256 for index in range(4096))
    assert_ingest_error(write(tmp_path, "noise.pdf", noise), "not a PDF", "damaged")


def test_a_pdf_of_images_only_has_no_text_layer(tmp_path: Path) -> None:
    scan = "q 500 0 0 700 40 60 cm /Im1 Do Q\n"
    message = assert_ingest_error(write(tmp_path, "scan.pdf", make_pdf([scan, scan])), "no text layer (scanned?)")
    assert "scan.pdf" in message


def test_a_pdf_with_text_but_no_budget_tables_is_rejected_by_the_parser(tmp_path: Path) -> None:
    path = write(tmp_path, "letter.pdf", make_pdf([text_run(60, 500, "Dear reader")]))
    assert_ingest_error(path, "not a budget disclosure")


# ---------------------------------------------------------------------------------------------------
# End to end: every corpus PDF gives the amounts its extracted-text twin gives


def amount_multiset(document: ParsedDocument) -> Counter[tuple[str, str, str, str, str, str]]:
    return Counter((a.table_key, a.side, a.row_kind, a.code, a.measure, str(a.amount)) for a in document.amounts)


def corpus_pairs() -> list[Path | None]:
    """Corpus PDFs that have a .txt twin; [None] when there are none, so the test reports a skip."""
    directory = corpus_dir()
    found = sorted(p for p in directory.glob("*.pdf") if p.with_suffix(".txt").exists()) if directory.is_dir() else []
    return list(found) or [None]


@pytest.mark.corpus
@pytest.mark.parametrize("pdf_path", corpus_pairs(), ids=lambda p: p.stem if p else "no-corpus")
def test_corpus_pdf_amounts_equal_those_of_its_text(pdf_path: Path | None) -> None:
    if pdf_path is None:
        pytest.skip(f"no corpus PDF with a .txt twin in {corpus_dir()} (set BUDGET_CORPUS)")
    from_pdf = parse_file(pdf_path)
    text_path = pdf_path.with_suffix(".txt")
    from_text = parse_document(read_text_document(text_path), text_path.name, "")
    assert from_pdf.amounts, "no amounts read"
    assert amount_multiset(from_pdf) == amount_multiset(from_text)
    assert (from_pdf.meta.department_name, from_pdf.meta.fiscal_year, from_pdf.meta.scope) == (
        from_text.meta.department_name,
        from_text.meta.fiscal_year,
        from_text.meta.scope,
    )


# ---------------------------------------------------------------------------------------------------
# The reader lays out runs of characters rather than characters: it must read exactly what the
# per-character reader (page_lines on every character, each taken from pdf_oxide one at a time) reads.


def reference_raw_chars(document: pdf_oxide.PdfDocument, index: int) -> list[RawChar]:
    """Every character of the page the straightforward way, one RawChar each (the reader before runs)."""
    chars = [c for c in document.extract_chars(index) if c.char != "\x00"]
    if any(c.rotation_degrees != 0 for c in chars):
        lefts, bottoms, rights, tops, angles = turned_boxes(document, index, chars)
        return [RawChar(" " if c.char.isspace() else c.char, *box) for c, box in zip(chars, zip(lefts, bottoms, rights, tops, angles, strict=True), strict=True)]
    raw = []
    for c in chars:
        x, baseline, advance, size = c.bbox
        raw.append(RawChar(" " if c.char.isspace() else c.char, x, baseline - EM_DESCENT * size, x + advance, baseline + (1 - EM_DESCENT) * size, 0.0))
    return raw


def assert_reads_as_reference(path: Path) -> None:
    """Page by page, the reader's characters are the reference's, and the document's lines are too."""
    expected = []
    document = pdf_oxide.PdfDocument.from_bytes(path.read_bytes())
    for index in range(int(document.page_count)):
        reference = reference_raw_chars(document, index)
        assert page_raw_chars(page_chars(document, index, path)) == reference, f"page {index + 1}"
        expected += [(text, index + 1) for text in page_lines(reference, visible_box(document, index))]
    assert [(line.text, line.page_no) for line in read_pdf_document(path)] == expected
    assert [line.line_no for line in read_pdf_document(path)] == list(range(1, len(expected) + 1))


def tight_run(x: float, y: float, text: str, scale: float) -> str:
    """Helvetica squeezed horizontally (Tz): characters that advance less than the duplicate tolerance."""
    return f"BT /F1 12 Tf {scale} Tz 1 0 0 1 {x} {y} Tm ({text}) Tj 100 Tz ET\n"  # (Tz outlives ET)


READER_PAGES = {
    "table": [table_page()],
    "copies": [table_page() * 2 + "".join(text_run(x + 0.3, y, t) for x, y, t in TABLE_RUNS)],
    "off page": ["".join(text_run(x, y + 700, t) + text_run(x - 900, y, t) for x, y, t in TABLE_RUNS) + table_page()],
    "straddling the edge": [table_page() + text_run(820, 300, "123456789") + text_run(-20, 250, "987654")],
    "printed spaces": ["".join(text_run(x, y, t) for x, y, t in [(60, 500, "General  public  services"), (300, 500, " 1,234.00 "), (60, 480, "A , B (C) D")])],
    "squeezed": [table_page(ASCII_RUNS) + tight_run(60, 300, "1111 2222 ab", 5) + tight_run(60, 280, "1111", 40)],
    "mixed sizes": ["".join(text_run(x, y, t, size=s) for x, y, t, s in [(60, 500, "201", 12), (90, 501, "05", 9), (120, 499.5, "Total", 14), (300, 500, "9", 4)])],
    "watermark": [table_page() + text_run(200, 100, "DRAFT COPY", size=60, matrix="0.7071 0.7071 -0.7071 0.7071")],
    "sideways": ["".join(text_run(595 - y, x, t, matrix="0 1 -1 0") for x, y, t in ASCII_RUNS) + text_run(60, 800, "Heading")],
    "blank": ["", text_run(60, 500, "x")],
    # Text state the box must follow: rise, horizontal scaling, character and word spacing, scaled and
    # flipped matrices, a transformed graphics state; 0.1 pt character spacing keeps a cell one run.
    "text state": [
        "BT /F1 12 Tf 5 Ts 1 0 0 1 60 500 Tm (Rise 12) Tj 0 Ts ET\n"
        "BT /F1 12 Tf 150 Tz 1 0 0 1 60 470 Tm (Wide 34) Tj 100 Tz ET\n"
        "BT /F1 12 Tf 2 Tc 3 Tw 1 0 0 1 60 440 Tm (Spaced out 56) Tj 0 Tc 0 Tw ET\n"
        "BT /F1 1 Tf 12 0 0 12 60 410 Tm (Matrix 78) Tj ET\n"
        "q 0.5 0 0 0.5 30 30 cm BT /F1 12 Tf 1 0 0 1 60 700 Tm (Half 90) Tj ET Q\n"
        f"BT /F2 12 Tf 0.1 Tc 1 0 0 1 60 350 Tm <{'上海市普陀区2024年'.encode('utf-16-be').hex()}> Tj 0 Tc ET\n"
        "BT /F1 12 Tf 0.1 Tc 1 0 0 1 300 350 Tm (1,234.56) Tj 0 Tc ET\n"
        "BT /F1 12 Tf 1 0 0 -1 60 300 Tm (Flipped) Tj ET\n"
    ],
}


@pytest.mark.parametrize("name", READER_PAGES)
def test_the_reader_reads_what_the_per_character_reader_reads(tmp_path: Path, name: str) -> None:
    assert_reads_as_reference(write(tmp_path, "page.pdf", make_pdf(READER_PAGES[name])))


@pytest.mark.parametrize("rotate", [90, 270])
def test_the_reader_reads_turned_pages_as_the_per_character_reader(tmp_path: Path, rotate: int) -> None:
    assert_reads_as_reference(write(tmp_path, "turned.pdf", make_pdf([table_page(ASCII_RUNS)], rotate=rotate)))


def corpus_pdfs() -> list[Path | None]:
    directory = corpus_dir()
    return (sorted(directory.glob("*.pdf")) if directory.is_dir() else []) or [None]


@pytest.mark.corpus
@pytest.mark.parametrize("pdf_path", corpus_pdfs(), ids=lambda p: p.stem if p else "no-corpus")
def test_corpus_pdfs_read_as_with_the_per_character_reader(pdf_path: Path | None) -> None:
    if pdf_path is None:
        pytest.skip(f"no corpus PDF in {corpus_dir()}")
    assert_reads_as_reference(pdf_path)


def test_squeezed_characters_are_read_per_character(tmp_path: Path) -> None:
    # 1111 squeezed to 5 %: each digit is drawn within the duplicate tolerance of the one before.
    path = write(tmp_path, "squeezed.pdf", make_pdf([tight_run(60, 300, "1111", 5) + text_run(200, 300, "22")]))
    assert texts(path) == ["1 22"]


# Random pages: run_page_lines against page_lines on the same characters, every shortcut exercised.

ALPHABET = "0123456789,.-ABCxyz一二三收支（）。，：  "


def random_cells(rng: random.Random, page: tuple[float, float, float, float]) -> list[list[RawChar]]:
    """Cells (touching characters of one height) in rows, with the mishaps of real PDFs: some pages have
    text at angles, squeezed or overlapping characters, copies, characters off the page or absurd boxes."""
    left, bottom, right, top = page
    angles = [0.0] * 30 + rng.choice([[0.0], [-0.0, 3.5, 359.0], [90.0, 270.0, 45.0, 180.0]])
    advances = [1.0, 0.5, 0.5, 0.3] + rng.choice([[0.5], [0.05, 0.0, -0.2]])
    cells: list[list[RawChar]] = []
    for _ in range(rng.randint(1, 8)):
        size = rng.choice([12.0, 12.0, 9.0, 14.5, 0.5, 30.0])
        y = rng.choice([rng.uniform(bottom, top - size)] * 4 + [rng.uniform(bottom - 30, top + 30)])
        x = left + rng.uniform(-10, 40)
        for _ in range(rng.randint(1, 6)):
            advance = size * rng.choice(advances)
            jitter = rng.choice([0.0] * 6 + [0.4, 2.0, size])
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6)))
            angle = rng.choice(angles)
            # Character spacing: glyphs a little apart or overlapping, up to the most a run allows.
            step = advance + rng.choice([0.0] * 4 + [0.1, -0.1, 0.22, -0.22, ADJACENT * 0.999, -ADJACENT * 0.999])
            cell = [RawChar(char, x + i * step, y + jitter, x + i * step + advance, y + jitter + size, angle) for i, char in enumerate(text)]
            cells.append(cell)
            if rng.random() < 0.08:  # drawn again: on the spot, a hair off (fake bold), or overlapping
                shift = rng.choice([0.0, 0.3, size * 0.12, advance * 1.5])
                cells.append([c._replace(left=c.left + shift, right=c.right + shift) for c in cell])
            x += len(text) * step + rng.choice([size * 0.1, size * 0.3, size, size, 3 * size, 0.0, -size])
            if x > right + 30:
                break
    if rng.random() < 0.03:  # a box no PDF should give
        cells.append([RawChar("9", rng.choice([math.nan, math.inf, 3e6]), 100.0, 110.0, 112.0, 0.0)])
    rng.shuffle(cells)
    return cells


def random_page_chars(rng: random.Random, cells: list[list[RawChar]]) -> PageChars:
    """The cells as page_chars gives characters: runs of characters that continue one another, cut at
    random (the runs need not be the longest), characters left out between runs with any box."""
    columns: list[tuple[str, float, float, float, float]] = []
    starts: list[int] = []
    ends: list[int] = []
    angles: list[float] = []
    previous: RawChar | None = None
    for char in (c for cell in cells for c in cell):
        if rng.random() < 0.05:  # left out (a character that belongs to no run)
            if previous is not None:
                ends.append(len(columns))
            junk = rng.choice([0.0, -5e3, 1e5, 300.0])
            columns.append(("\r", junk, junk, junk, junk))
            previous = None
        continues = (
            previous is not None
            and char.bottom == previous.bottom
            and char.top == previous.top
            and abs(char.left - previous.right) < ADJACENT
            and rng.random() > 0.1
        )
        if not continues:
            if previous is not None:
                ends.append(len(columns))
            starts.append(len(columns))
            angles.append(char.angle)
        columns.append(char[:5])
        previous = char
    if previous is not None:
        ends.append(len(columns))
    text, lefts, bottoms, rights, tops = (list(column) for column in zip(*columns, strict=True)) if columns else ([], [], [], [], [])
    run_bottoms, run_tops = [bottoms[start] for start in starts], [tops[start] for start in starts]
    return PageChars("".join(text), lefts, run_bottoms, rights, run_tops, starts, ends, angles)


def test_no_cell_boundary_can_fall_inside_a_run() -> None:
    # Characters of a run are at most ADJACENT apart; the narrowest cell gap is CELL_GAP_EM of the
    # smallest em the layout measures with. Were a run wider apart, a run could hide a cell boundary.
    assert ADJACENT < CELL_GAP_EM * MIN_SIZE


@pytest.mark.parametrize("seed", range(8))
def test_runs_are_laid_out_as_their_characters_would_be(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        page = rng.choice([(0.0, 0.0, 842.0, 595.0), (12.5, -7.25, 600.75, 800.5), (0, 0, 595, 842)])
        chars = random_page_chars(rng, random_cells(rng, page))
        assert run_page_lines(chars, page) == page_lines(page_raw_chars(chars), page), chars


@pytest.mark.parametrize("seed", range(4))
def test_runs_are_laid_out_the_same_when_the_reader_gives_its_least_advance(seed: int) -> None:
    # pdf_chars gives each right as its left plus an advance, and the least advance, which the layout
    # then need not work out from every character.
    rng = random.Random(seed)
    for _ in range(300):
        page = rng.choice([(0.0, 0.0, 842.0, 595.0), (12.5, -7.25, 600.75, 800.5), (0, 0, 595, 842)])
        chars = random_page_chars(rng, random_cells(rng, page))
        advances = [right - left for left, right in zip(chars.lefts, chars.rights, strict=True)]
        rights = [left + advance for left, advance in zip(chars.lefts, advances, strict=True)]
        given = chars._replace(rights=rights, least_advance=min(advances, default=None))
        assert run_page_lines(given, page) == page_lines(page_raw_chars(given), page), given


def test_the_reader_makes_its_lines_as_line_does() -> None:
    made, expected = new_line("合计 1.00", 3, 2, (1.5, 9.0)), Line("合计 1.00", 3, 2, (1.5, 9.0))
    assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)
    assert type(made) is Line and made.token_x == (1.5, 9.0)
    with pytest.raises(FrozenInstanceError):
        made.text = "changed"  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------------
# The final account prints its narrative figures in a way common extractors lose ("年初预算为 万元" in
# pdfplumber's text): every figure of its 情况说明 clauses must be read.


@pytest.mark.corpus
def test_final_account_narrative_figures_are_read() -> None:
    path = corpus_dir() / "final" / "putuo_finance_2024_final.pdf"
    expected_path = corpus_dir() / "final" / "expected" / "putuo_finance_2024_final.json"
    if not (path.exists() and expected_path.exists()):
        pytest.skip(f"no final account in {corpus_dir() / 'final'}")
    lines = read_pdf_document(path)
    texts_read = [line.text for line in lines]
    assert "员经费及公用经费等的基本支出。年初预算为1560.05万元，支出决算为1511.89万" in texts_read
    assert not any("年初预算为 万元" in text or "决算为 万元" in text for text in texts_read)
    running = "".join(text.replace(" ", "") for text in texts_read)  # clauses wrap across lines
    clauses = json.loads(expected_path.read_text(encoding="utf-8"))["execution_narrative"]
    assert clauses
    for code, budget, final, _ in clauses:
        budget_wan, final_wan = (Decimal(amount) / 10000 for amount in (budget, final))
        assert f"年初预算为{budget_wan:.2f}万元，支出决算为{final_wan:.2f}万元" in running, code


def test_a_glyph_read_as_several_characters_shares_its_box_and_one_read_as_none_is_left_out() -> None:
    letters, lefts, bottoms, rights, tops, angles = one_per_character(
        ["A", "fi", "", "B"], [0.0, 6.0, 12.0, 12.0], [0.0] * 4, [6.0, 12.0, 12.0, 18.0], [10.0] * 4, None
    )
    assert letters == ["A", "f", "i", "B"]
    assert (lefts, rights) == ([0.0, 6.0, 9.0, 12.0], [6.0, 9.0, 12.0, 18.0])
    assert bottoms == [0.0] * 4 and tops == [10.0] * 4 and angles is None
    # The runs are laid out as one line, as the characters' boxes say.
    chars = PageChars("".join(letters), lefts, [0.0], rights, [10.0], [0], [4], [0.0])
    assert run_page_lines(chars, (0.0, 0.0, 100.0, 100.0)) == ["AfiB"]


@pytest.mark.parametrize("share", [20, 50, 90])
def test_a_cut_pdf_given_a_new_end_marker_is_named_as_damaged(tmp_path: Path, share: int) -> None:
    """A download tool may "finish" a cut file with %%EOF: the cross-reference is gone, and the reader
    would rebuild one from the objects that survived (half a document read as a whole, or a misleading
    "not a budget disclosure")."""
    data = make_pdf([table_page()] * 3)
    patched = data[: len(data) * share // 100] + b"\n%%EOF\n"
    message = assert_ingest_error(write(tmp_path, f"cut_{share}.pdf", patched), "damaged PDF")
    assert "internal parser error" not in message


def test_a_pdf_whose_cross_reference_offset_points_nowhere_is_named_as_damaged(tmp_path: Path) -> None:
    data = make_pdf([table_page()])
    offset = int(data[data.rindex(b"startxref") + len(b"startxref"):data.rindex(b"%%EOF")])
    past_end = data.replace(b"startxref\n%d\n" % offset, b"startxref\n%d\n" % (len(data) + 100))
    assert_ingest_error(write(tmp_path, "far.pdf", past_end), "past the end")
    off_by_some = data.replace(b"startxref\n%d\n" % offset, b"startxref\n%d\n" % (offset - 7))
    assert_ingest_error(write(tmp_path, "off.pdf", off_by_some), "no cross-reference at offset")
