"""Character positions come from the PDF's own fonts, never from the fonts a machine has installed.

A Chinese desktop has CJK fonts (fonts-noto-cjk); CI installs them (.ci/run) and sets
BUDGET_EXPECT_CJK_FONTS=1, so there these tests run on a machine that has them. The reader is run once
as the machine is and once with a font configuration that lists no font at all: the lines and every
token's position must be the same, and equal to what the PDF's own widths put there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.readers.pdf import read_pdf_document
from tests_py.test_pdf_reader import TABLE_LINES, corpus_dir, make_pdf, table_page, text_run, write

ROOT = Path(__file__).resolve().parents[1]
# Where Debian's fonts-noto-cjk puts its fonts.
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
NO_FONTS_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig></fontconfig>
"""
READ_SCRIPT = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from ingest.readers.pdf import read_pdf_document
print(json.dumps([[line.text, line.page_no, list(line.token_x)] for path in sys.argv[2:] for line in read_pdf_document(Path(path))]))
"""


def read_positions(paths: list[Path]) -> list[list[object]]:
    return [[line.text, line.page_no, list(line.token_x or ())] for path in paths for line in read_pdf_document(path)]


def read_positions_without_fonts(paths: list[Path], scratch: Path) -> list[list[object]]:
    """The same, read by another interpreter that can find no font: an empty fontconfig file, and no home
    or XDG data folder with fonts in it."""
    config = scratch / "fonts.conf"
    config.write_text(NO_FONTS_CONFIG, encoding="utf-8")
    empty = scratch / "empty"
    empty.mkdir()
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(empty), "XDG_DATA_HOME": str(empty), "XDG_DATA_DIRS": str(empty)}
    done = subprocess.run(
        [sys.executable, "-c", READ_SCRIPT, str(ROOT), *map(str, paths)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


def test_ci_has_cjk_fonts_installed() -> None:
    if os.environ.get("BUDGET_EXPECT_CJK_FONTS") != "1":
        pytest.skip("only CI promises CJK fonts (.ci/run installs fonts-noto-cjk and sets BUDGET_EXPECT_CJK_FONTS=1)")
    assert sorted(NOTO_CJK.glob("Noto*CJK*")), f"fonts-noto-cjk is not installed in {NOTO_CJK}"


def test_a_font_the_pdf_does_not_embed_is_measured_by_its_own_widths(tmp_path: Path) -> None:
    # The Chinese test font is not embedded and declares every glyph 1000 units wide (/DW 1000): 12 pt at
    # 12 pt, whatever a machine would substitute for it to draw it.
    path = write(tmp_path, "table.pdf", make_pdf([table_page()]))
    lines = read_pdf_document(path)
    assert [line.text for line in lines] == TABLE_LINES
    assert lines[0].token_x == pytest.approx((300 + 6 * 12 / 2,))  # 收入预算总表 at x=300
    assert lines[1].token_x[1] == pytest.approx(140 + 8 * 12 / 2)  # 一般公共服务支出 at x=140
    assert lines[3].token_x[3] == pytest.approx(140 + 9 * 12 / 2)  # 其他社会保障和就业 at x=140
    # Helvetica is not embedded either: its standard widths (0.556 em per digit) place "201" at x=60.
    assert lines[1].token_x[0] == pytest.approx(60 + 3 * 0.556 * 12 / 2)


def test_positions_are_the_same_without_any_font_installed(tmp_path: Path) -> None:
    chinese = text_run(60, 300, "单位名称") + text_run(200, 300, "合计") + text_run(300, 300, "123.45")
    paths = [write(tmp_path, "table.pdf", make_pdf([table_page(), chinese]))]
    corpus = sorted(corpus_dir().glob("*.pdf")) if corpus_dir().is_dir() else []
    paths += corpus[:1]  # a real document, its fonts embedded
    with_fonts = read_positions(paths)
    assert len(with_fonts) > len(TABLE_LINES)
    assert read_positions_without_fonts(paths, tmp_path) == with_fonts
