"""The typed facts layer: a fact is computed once per file, keyed by the Fact object, never sent away."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.facts import Fact, fact, languages_of, needles_of, per_file
from golive_ci.facts.catalog import CATALOG
from golive_ci.parse_error import ParseError
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls


def test_a_fact_is_computed_once_per_file() -> None:
    asked: list[str] = []

    @fact("lines")
    def line_count(source: SourceFile) -> int:
        asked.append(source.path)
        return len(source.lines)

    one, other = SourceFile.from_text("a.py", "x\ny\n"), SourceFile.from_text("b.py", "x\n")
    assert [line_count(one), line_count.of(one), line_count(other), line_count(one)] == [3, 3, 2, 3]
    assert asked == ["a.py", "b.py"]
    assert line_count.known(one) and not line_count.known(SourceFile.from_text("c.py", ""))


def test_facts_are_keyed_by_the_fact_not_its_name() -> None:
    first = Fact("same name", lambda source: "first")
    second = Fact("same name", lambda source: "second")
    source = SourceFile.from_text("a.py", "")
    assert (first.of(source), second.of(source)) == ("first", "second")


def test_a_failure_is_not_kept_and_the_next_question_computes_again() -> None:
    attempts: list[int] = []

    def flaky(source: SourceFile) -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise ParseError("could not parse Python source (line 1): boom")
        return len(attempts)

    parsed = Fact("flaky", flaky)
    source = SourceFile.from_text("a.py", "")
    with pytest.raises(ParseError):
        parsed.of(source)
    assert not parsed.known(source)
    assert parsed.of(source) == 2


def test_a_per_file_memo_starts_empty_for_each_file() -> None:
    memo = per_file("memo")
    one, other = SourceFile.from_text("a.py", ""), SourceFile.from_text("b.py", "")
    memo.of(one)["k"] = 1
    assert memo.of(one) == {"k": 1}
    assert memo.of(other) == {}


def test_rules_share_the_files_facts() -> None:
    source = SourceFile.from_text("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=1)\n")
    assert calls(source) is calls(source)
    assert len(calls(source)) == 1


def test_facts_never_travel_to_another_process() -> None:
    """The process pool sends file names and findings, never files: a file with facts cannot be sent."""
    source = SourceFile.from_text("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=1)\n")
    calls(source)
    with pytest.raises(TypeError, match="never sent"):
        pickle.dumps(source)
    one = CATALOG["syntax"][0]
    assert copy.deepcopy(one) is one  # a rule copied for a worker keeps the same keys


def test_needles_and_languages_of_facts() -> None:
    go = Fact("go", lambda source: 0, needles=(b"a", b"b"), languages=frozenset({"go"}))
    php = Fact("php", lambda source: 0, needles=(b"b", b"c"), languages=frozenset({"php"}))
    anywhere = Fact("anywhere", lambda source: 0)
    assert needles_of([go, php]) == (b"a", b"b", b"c")
    assert languages_of([go, php]) == frozenset({"go", "php"})
    assert needles_of([go, anywhere]) == ()
    assert languages_of([go, anywhere]) is None


def test_the_catalog_lists_each_fact_once_under_a_topic() -> None:
    listed = [one for facts in CATALOG.values() for one in facts]
    assert all(isinstance(one, Fact) for one in listed)
    assert len({id(one) for one in listed}) == len(listed)
    assert set(CATALOG) == {"syntax", "api-versions", "webhooks", "payments", "logging", "secrets", "manifests"}
    assert len({one.name for one in listed}) == len(listed)


def test_the_source_file_keeps_no_string_keyed_cache() -> None:
    source = SourceFile.from_text("a.py", "")
    assert not hasattr(source, "cache")
    assert source.facts == {}


def test_an_unparsable_file_is_one_notice_for_every_api_version_rule(tmp_path: Path) -> None:
    (tmp_path / "pay.py").write_text('import stripe\nstripe.api_version = "2024-06-20"\ndef broken(:\n')
    slugs = ["unpinned-api-version", "unknown-api-version", "outdated-api-version", "inconsistent-api-version"]
    report = scan([tmp_path], tmp_path, Config(), select=slugs)
    assert [notice.path for notice in report.notices] == ["pay.py"]
    assert "could not parse Python source" in report.notices[0].message
    assert report.findings == []
