"""SourceFile facts every rule relies on: test-file detection, positions, parse failures."""

from __future__ import annotations

import pytest

from golive_ci.sourcefile import ParseError, SourceFile


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_billing.py", "billing_test.py", "pkg/conftest.py", "src/__tests__/pay.js", "pay.test.ts",
        "pay.spec.tsx", "spec/billing_spec.rb", "test/billing_test.rb", "tests/BillingTest.php", "pay_test.go",
        "src/test/java/PayTest.java", "Billing.Tests/PaymentTests.cs", "fixtures/card.json",
    ],
)  # fmt: skip
def test_test_files_are_recognised(path: str) -> None:
    assert SourceFile.from_text(path, "").is_test


@pytest.mark.parametrize(
    "path",
    ["stripe/_country_spec.py", "app/latest.py", "contest.js", "attest.rb", "billing/protest.go", "Latest.java",
     "src/payments.ts", "testing_utils.py"],
)  # fmt: skip
def test_application_files_are_not_tests(path: str) -> None:
    assert not SourceFile.from_text(path, "").is_test


def test_deeply_nested_python_is_a_parse_error_not_a_crash() -> None:
    source = SourceFile.from_text("deep.py", "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    with pytest.raises(ParseError, match="could not parse Python source"):
        source.syntax()
    with pytest.raises(ParseError):  # cached, not re-parsed
        source.syntax()


def test_positions_are_characters_not_bytes() -> None:
    source = SourceFile.from_text("a.py", "é = 1\nkey = 'x'\n")
    assert source.position(source.text.index("key")) == (2, 1)
    assert source.char_column(1, len("é = ".encode())) == 5


def test_line_text_agrees_with_position_whatever_the_line_endings() -> None:
    text = "a\r\nb\x0cstill b\x1dstill b\rstill b\nkey here\n"
    source = SourceFile.from_text("a.txt", text)
    line, column = source.position(text.index("key"))
    assert (line, column) == (3, 1)
    assert source.line_text(line) == "key here"
    assert source.line_text(1) == "a"


def test_position_is_the_same_before_and_after_the_line_index_is_built() -> None:
    text = "".join(f"line {i}\n" for i in range(200))
    source = SourceFile.from_text("a.txt", text)
    offsets = [text.index(f"line {i}\n") + 2 for i in range(0, 200, 5)]
    assert [source.position(o) for o in offsets] == [(i + 1, 3) for i in range(0, 200, 5)]


@pytest.mark.parametrize("endings", ["\n", "\r\n"])
@pytest.mark.parametrize("first_line", [1, 40])
def test_line_text_near_a_counted_position_matches_the_split_lines(endings: str, first_line: int) -> None:
    # A finding's line and the one above are read without splitting the file; the answer must
    # be the same as from the full split, at the first line, the last line and in between.
    text = endings.join(f"row {i} {'x' * (i % 7)}" for i in range(60)) + endings + "last, no newline"
    data = text.encode()
    for index in (0, 1, 30, 60):
        target = text.index("last") if index == 60 else text.index(f"row {index} ")
        quick = SourceFile("dump.sql", data, first_line=first_line)
        line, _ = quick.position(target + 2)
        split = SourceFile("dump.sql", data, first_line=first_line)
        split.lines  # noqa: B018 - build the full split first
        for asked in (line, line - 1, line + 1):
            assert quick.line_text(asked) == split.line_text(asked), (index, asked)
    assert SourceFile("a.txt", b"one\ntwo").line_text(5) == ""


def test_char_column_on_a_long_minified_line_counts_characters_as_decoding_does() -> None:
    import random

    rng = random.Random(5)
    line = "".join(rng.choice("ab é€😀") for _ in range(20_000))
    data = ("x\n" + line + "\n").encode()
    source = SourceFile("bundle.min.js", data)
    raw = data.split(b"\n")[1]
    starts = [i for i in range(len(raw)) if (raw[i] & 0xC0) != 0x80]
    for offset in [*rng.sample(starts, 200), len(raw)]:
        assert source.char_column(2, offset) == len(raw[:offset].decode("utf-8", "replace")) + 1
    broken = SourceFile("bundle.min.js", b"x\n" + raw.replace(b"\xc3", b"\xff", 1) + b"\n")
    assert broken.char_column(2, len(raw)) == len(broken.data.split(b"\n")[1].decode("utf-8", "replace")) + 1
