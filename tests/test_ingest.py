"""Reading inputs: the seed format, page noise, JSON records, encodings, bad files (no database)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import InputError
from tracker.ingest.formats import decode, parse_articles
from tracker.ingest.seed_text import parse_seed_text
from tracker.model import Article
from tracker.pipeline import read_articles

from locations import SEEDS

SEED = """ date 2023-03-17 Yoon and Kishida agree to restore ties
TOKYO, March 17 (Yonhap) --
By Staff Reporter
12:50 JST, March 17, 2023
South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida held talks on Thursday.

Photo: Yonhap
The two leaders agreed to resume shuttle diplomacy.
(With inputs from agencies.)
ALSO READ
Five cherry blossom spots in Seoul
Markets close higher
"""


def test_seed_text_keeps_body_drops_noise_and_keeps_related_headlines() -> None:
    article = parse_seed_text(SEED, "x.txt")
    assert article.published == dt.date(2023, 3, 17)
    assert article.title == "Yoon and Kishida agree to restore ties"
    assert article.body == (
        "TOKYO, March 17 (Yonhap) -- South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio "
        "Kishida held talks on Thursday.\nThe two leaders agreed to resume shuttle diplomacy."
    )
    assert article.related == ("Five cherry blossom spots in Seoul", "Markets close higher")


def test_the_users_seed_article_parses() -> None:
    article = parse_seed_text((SEEDS / "000_2187417dd207f657.txt").read_text(), "seed")
    assert article.published == dt.date(2025, 6, 18)
    assert len(article.paragraphs) == 4
    assert len(article.related) == 5


def test_same_text_under_another_name_has_the_same_hash() -> None:
    assert parse_seed_text(SEED, "a.txt").content_hash == parse_seed_text(SEED, "b/c.txt").content_hash


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty article"),
        ("Just a headline\nand text", "no date line"),
        (" date 2025-13-45 Headline\nBody.", "impossible date '2025-13-45'"),
        (" date 1850-01-01 Headline\nBody.", "before 1900"),
        (" date 2999-01-01 Headline\nBody.", "in the future"),
        (" date 2025-01-01 Headline\n\n", "no text"),
    ],
)
def test_bad_seed_text_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_seed_text(text, "x")


def test_json_records_with_either_field_names() -> None:
    records = [
        {"title": "A", "published": "2025-06-09T10:00:00Z", "body": "Lee Jae-myung spoke.", "url": "u1"},
        {"title": "B", "date": "2025-06-10", "text": "Ishiba spoke.", "source": "Kyodo"},
    ]
    parsed = list(parse_articles(json.dumps(records), "r.json"))
    assert [name for name, _ in parsed] == ["r.json[0]", "r.json[1]"]
    articles = [a for _, a in parsed if isinstance(a, Article)]
    assert [(a.title, a.published.isoformat(), a.url, a.source) for a in articles] == [
        ("A", "2025-06-09", "u1", None),
        ("B", "2025-06-10", None, "Kyodo"),
    ]
    lines = "\n".join(json.dumps(r) for r in records)
    assert [(name, a.title) for name, a in parse_articles(lines, "r.jsonl", suffix=".jsonl")] == [  # type: ignore[union-attr]
        ("r.jsonl:1", "A"),
        ("r.jsonl:2", "B"),
    ]


def test_malformed_json_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="malformed JSON"):
        list(parse_articles('[{"title": "A", "date": "2025-01-01", "body": ', "x.json", suffix=".json"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"title": 5, "date": "2025-01-01", "body": "x"}]', "field 'title' must be text, not int"),
        ('[{"title": "A", "body": "x"}]', "no published date"),
        ('["just a string"]', "a record must be a JSON object"),
    ],
)
def test_a_bad_json_record_is_one_clear_error_of_its_own(text: str, message: str) -> None:
    [(name, error)] = parse_articles(text, "x.json", suffix=".json")
    assert name == "x.json[0]"
    assert isinstance(error, InputError)
    assert message in str(error)


def test_encodings() -> None:
    assert decode(" date".encode("utf-16")) == " date"
    assert decode("Caf\xe9 society".encode("latin-1")) == "Café society"
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="empty file"):
        decode(b"   \n\t ")


def test_folders_globs_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(SEED)
    (tmp_path / "two.txt").write_text(SEED.replace("2023-03-17", "2023-03-18"))
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    names = [name for name, _ in read_articles([str(tmp_path)])]
    assert names == [str(tmp_path / "two.txt"), str(tmp_path / "sub" / "one.txt")]
    found = list(read_articles([str(tmp_path / "*.txt"), str(tmp_path / "nothing.txt")]))
    assert found[0][0] == str(tmp_path / "two.txt")
    assert str(found[1][1]) == f"{tmp_path / 'nothing.txt'}: no such file or folder"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "By",
                "John",
                "Smith",
                "10:30",
                "a.m.",
                "KST",
                "Updated:",
                "Jan",
                "2,",
                "2024",
                "Photo:",
                "(Yonhap)",
                "(With",
                "inputs",
                "from",
                "agencies.)",
                "Reporting",
                "by",
                "SEOUL",
                "--",
                "Copyright",
                "talks",
                ",",
                "and",
            ]
        ),
        max_size=12,
    )
)
def test_the_combined_noise_pattern_says_what_the_separate_ones_say(words: list[str]) -> None:
    from tracker.ingest.noise import _NOISE, is_noise_line

    line = " ".join(words)
    assert is_noise_line(line) == (not line.strip() or any(p.match(line.strip()) for p in _NOISE))


@pytest.mark.parametrize("size", [1, 65535, 65536, 65537, 3 * 2**20 + 7])
def test_a_file_is_read_byte_for_byte_whatever_its_size(tmp_path: Path, size: int) -> None:
    from tracker.ingest.inputs import expand_inputs

    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "a.txt").write_bytes(data)
    [item] = list(expand_inputs([str(tmp_path / "a.txt")]))
    assert not isinstance(item, InputError)
    assert (item.name, item.suffix, item.read()) == (str(tmp_path / "a.txt"), ".txt", data)


def test_a_named_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    """A pipe reports no size: it is read until its writer closes it."""
    import os
    import threading

    from tracker.ingest.inputs import expand_inputs

    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    data = b'{"title": "t"}\n' * 20000

    def write() -> None:
        with open(fifo, "wb") as handle:
            handle.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    [item] = list(expand_inputs([str(fifo)]))
    assert not isinstance(item, InputError)
    assert item.read() == data
    writer.join()


def test_a_folder_given_as_dot_names_its_files_as_pathlib_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names are shown and stored: `.` and `./` give "a.txt", not "./a.txt"."""
    from tracker.ingest.inputs import expand_inputs

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub" / "b.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    for spec in (".", "./", "sub/..", str(tmp_path)):
        names = [item.name for item in expand_inputs([spec]) if not isinstance(item, InputError)]
        expected = [str(Path(spec) / "a.txt"), str(Path(spec) / "sub" / "b.txt")]
        assert names == expected, spec
    assert [item.name for item in expand_inputs(["."]) if not isinstance(item, InputError)] == ["a.txt", "sub/b.txt"]


def test_a_pipe_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    import os
    import threading

    from tracker.ingest.inputs import MAX_BYTES, expand_inputs

    fifo = tmp_path / "big.txt"
    os.mkfifo(fifo)

    def write() -> None:
        try:
            with open(fifo, "wb") as handle:
                handle.write(b"x" * (MAX_BYTES + 100_000))
        except BrokenPipeError:
            pass  # the reader stops once it is over the limit

    writer = threading.Thread(target=write)
    writer.start()
    [item] = list(expand_inputs([str(fifo)]))
    assert not isinstance(item, InputError)
    with pytest.raises(InputError, match=r"^input is over the 20 MB limit$"):
        item.read()
    writer.join()
