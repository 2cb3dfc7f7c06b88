"""Reading articles: decoding, HTML main text, and refusing bad input."""

import hashlib

import pytest

from kg.errors import LoadError
from kg.ingest.text import read_article


def test_plain_text_is_kept_exactly_so_offsets_match_the_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Acme outage\r\n\r\nAcme said “it broke”.\n".encode("utf-8"))
    article = read_article(path)
    assert article.text == path.read_bytes().decode("utf-8")
    assert article.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert article.title == "Acme outage"
    assert article.kind == "text"


def test_html_keeps_main_text_and_drops_scripts_styles_and_markup(fixtures):
    article = read_article(fixtures / "page.html")
    assert article.kind == "html"
    assert "Acme Cloud Inc. said the outage on Monday" in article.text
    for unwanted in ("secret", "alert", "Injected", "<", "color: red", "Copyright", "Home | World"):
        assert unwanted not in article.text
    assert article.date == "2026-05-04"
    assert article.title == "Acme cloud outage hits shoppers"


def test_markdown_is_read_as_written(fixtures):
    article = read_article(fixtures / "notes.md")
    assert article.kind == "markdown"
    assert article.title == "Globex status page incident"
    assert "**payments outage**" in article.text


def test_latin1_text_is_read_as_windows_1252(fixtures):
    article = read_article(fixtures / "latin1.txt")
    assert "Café Nordlys" in article.text and "Åsa Lindström" in article.text
    assert article.encoding == "cp1252"


def test_a_declared_encoding_is_used(tmp_path):
    page = tmp_path / "page.html"
    body = "<p>" + "Олег Петров, глава отдела, сказал, что сбой был вызван обновлением. " * 8 + "</p>"
    page.write_bytes(f'<html><head><meta charset="koi8-r"><title>Сбой</title></head><body><article>{body}</article></body></html>'.encode("koi8-r"))
    article = read_article(page)
    assert article.encoding == "koi8-r" and "Олег Петров" in article.text


def test_a_byte_order_mark_decides(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Åsa Lindström said so.\n".encode("utf-16"))
    article = read_article(path)
    assert article.encoding == "utf-16" and article.text.lstrip("\ufeff") == "Åsa Lindström said so.\n"


def test_text_in_another_encoding_is_refused_not_misread(tmp_path):
    """Cyrillic in Windows-1251 decodes as Windows-1252 too, as accented gibberish: it is refused."""
    path = tmp_path / "a.txt"
    path.write_bytes("Первая строка.\nОлег Петров сказал, что сбой был вызван обновлением.\n".encode("cp1251"))
    with pytest.raises(LoadError) as info:
        read_article(path)
    assert str(info.value) == (
        f"{path}:1: not UTF-8 (byte 0xcf at offset 0), and read as Windows-1252 most of its letters would be "
        "accented, so it is in another encoding; save the file as UTF-8"
    )


def test_undecodable_bytes_fail_naming_the_file(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 4 + b"\x01\x02\x03\x04" * 50)
    with pytest.raises(LoadError) as info:
        read_article(path)
    assert str(info.value) == (
        f"{path}:1: neither UTF-8 nor Windows-1252 (Latin-1) text: byte 0x81 at offset 1 has no character in "
        "either; save the file as UTF-8"
    )


@pytest.mark.parametrize(
    "name, message",
    [
        ("image.png", "binary file (a PNG image); kg reads plain text, Markdown or HTML"),
        ("empty.txt", "empty file: nothing to read"),
        ("blank.txt", "empty file: nothing to read"),
    ],
)
def test_bad_files_fail_with_one_clear_message(fixtures, name, message):
    with pytest.raises(LoadError) as info:
        read_article(fixtures / name)
    assert str(info.value) == f"{fixtures / name}: {message}"


def test_nul_bytes_mean_binary(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"text\x00\x00\x00more")
    with pytest.raises(LoadError) as info:
        read_article(path)
    assert str(info.value) == f"{path}:1: binary data (a NUL character); kg reads plain text, Markdown or HTML"


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: takes no disk and proves nothing is read
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(LoadError) as info:
        read_article(path)
    assert str(info.value) == f"{path}: too large: 52,428,800 bytes, over the 5,242,880-byte limit (--max-size)"


def test_size_limit_is_enforced_while_reading_too(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x" * 100)
    with pytest.raises(LoadError, match="too large"):
        read_article(path, max_bytes=50)


def test_a_file_that_mixes_utf8_with_latin1_is_refused(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Åsa Lindström said so.\n".encode("utf-8") + "The café denied it.\n".encode("latin-1"))
    with pytest.raises(LoadError) as info:
        read_article(path)
    assert str(info.value) == (
        f"{path}:2: mixes UTF-8 (line 1) with another encoding (byte 0xe9 at offset 32); save the file as UTF-8"
    )
