"""Finding Chinese fonts: the PC's own faces by preference, the shipped face always, every character checked."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from gik_editor import fonts
from gik_editor.resources import resource_path
from gik_editor.storage import GikFileError

SHIPPED = resource_path("fonts", "wqy-microhei.ttc")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


def gbk_characters() -> str:
    out = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                out.append(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


@pytest.fixture
def font_dir(tmp_path, monkeypatch):
    """A PC whose only font folder is tmp_path (empty: a fresh Linux with no Chinese font)."""
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path])
    return tmp_path


def test_the_shipped_face_and_its_licence_are_there():
    assert SHIPPED.is_file() and SHIPPED.stat().st_size > 4_000_000
    licence = resource_path("fonts", "LICENSE-wqy-microhei.txt").read_text("utf-8")
    assert "Apache License" in licence and "WenQuanYi" in licence


def test_shipped_face_covers_the_sample_place_name_and_all_common_gbk_hanzi():
    covered = fonts.covers(fonts.shipped_face())
    assert ord("槜") in covered          # 槜美洪合: outside GB2312, dropped by GB2312-only fonts
    hanzi = [c for c in gbk_characters() if "\u4e00" <= c <= "\u9fff"]
    assert len(hanzi) > 20_000
    assert [c for c in hanzi if ord(c) not in covered] == []


def test_with_no_chinese_font_on_the_pc_every_role_uses_the_shipped_face(font_dir):
    chosen = fonts.choose(["槜美洪合", "（一）主动公开情况。", "— 12 —"])
    assert set(chosen) == set(fonts.ROLES)
    assert all(face.path == SHIPPED for face in chosen.values())


def test_the_pcs_fangsong_and_hei_are_preferred_over_the_shipped_face(font_dir):
    os.symlink(SHIPPED, font_dir / "SimFang.TTF")          # file names are matched case-insensitively
    (font_dir / "sub").mkdir()
    os.symlink(SHIPPED, font_dir / "sub" / "simhei.ttf")
    chosen = fonts.choose(["政府信息公开"])
    assert chosen["body"].path == font_dir / "SimFang.TTF" and chosen["body"].label.startswith("仿宋")
    assert chosen["heading"].label.startswith("黑体")
    assert chosen["title"].label.startswith("黑体")         # no 小标宋 on this PC: a Hei title
    assert chosen["table"].label.startswith("仿宋")         # no Song: the table falls back to FangSong


@pytest.mark.skipif(not UMING.is_file(), reason="AR PL UMing (fonts-arphic-uming) not installed")
def test_a_face_lacking_a_character_of_the_report_is_passed_over(font_dir):
    os.symlink(UMING, font_dir / "simsun.ttc")             # a Song face without some GBK characters
    lacking = next(c for c in gbk_characters() if ord(c) not in fonts.covers(fonts.FontFace("x", UMING)))
    assert fonts.choose(["表格"])["table"].path == font_dir / "simsun.ttc"
    assert fonts.choose(["表格" + lacking])["table"].path == SHIPPED


def test_a_damaged_or_unembeddable_font_file_is_skipped(font_dir):
    (font_dir / "simfang.ttf").write_bytes(b"OTTO" + b"\0" * 100)   # CFF header, no glyf table
    assert fonts.covers(fonts.FontFace("坏字体", font_dir / "simfang.ttf")) == frozenset()
    assert fonts.choose(["正文"])["body"].path == SHIPPED


def test_a_character_no_font_has_is_named_with_where_it_is(font_dir):
    with pytest.raises(GikFileError) as e:
        fonts.choose(["第一段正文", "申请人𠀀某某提出申请"])
    message = str(e.value)
    assert "“𠀀”（U+20000）" in message and "申请人𠀀某某" in message
    assert "字形" in message


def test_spaces_need_no_glyph():
    assert fonts.needed("槜 美\u3000\n\t洪") == {ord("槜"), ord("美"), ord("洪")}


def test_a_missing_shipped_font_file_is_a_clear_message(font_dir, monkeypatch):
    monkeypatch.setattr(fonts, "shipped_face", lambda: fonts.FontFace("随程序提供", font_dir / "gone.ttc"))
    with pytest.raises(GikFileError, match="重新安装"):
        fonts.choose(["正文"])
