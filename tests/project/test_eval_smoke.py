"""eval/: label matching survives line shifts and rewording, the committed labels are well formed,
and a tree is exported from a bare git directory. Nothing here scans the corpus (eval/score.py does)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from golive_ci.secrets import SECRET_RE
from tests import paths

EVAL = paths.ROOT / "eval"
sys.path.insert(0, str(EVAL))

import score  # noqa: E402
import trees  # noqa: E402


def label(line: int, key: str, verdict: str = "FP", message: str = "") -> score.Label:
    return score.Label("secret-key", "a.py", line, key, verdict, "why", message=message)


def finding(line: int, message: str = "Stripe secret", severity: str = "error") -> dict:
    return {"rule": "secret-key", "path": "a.py", "line": line, "message": message, "severity": severity}


def test_a_label_follows_its_line_when_lines_shift_and_the_message_changes() -> None:
    labels = [label(10, "aaaaaaaaaaaa", "TP"), label(200, "bbbbbbbbbbbb")]
    matched = score.match(finding(57, "reworded entirely", "info"), labels, "bbbbbbbbbbbb")
    assert matched is labels[1]


def test_same_line_text_twice_is_told_apart_by_message_prefix() -> None:
    labels = [label(5, "cccccccccccc", "TP", "first kind"), label(5, "cccccccccccc", "FP", "second kind")]
    assert score.match(finding(5, "second kind of message"), labels, "cccccccccccc") is labels[1]


def test_identical_lines_in_one_file_go_to_the_nearest_label() -> None:
    labels = [label(479, "aaaaaaaaaaaa", "FP"), label(547, "aaaaaaaaaaaa", "TP")]
    assert score.match(finding(550), labels, "aaaaaaaaaaaa") is labels[1]


def test_a_finding_moved_to_a_nearby_line_keeps_its_label_but_a_far_one_does_not() -> None:
    labels = [label(40, "dddddddddddd")]
    assert score.match(finding(42), labels, "eeeeeeeeeeee") is labels[0]
    assert score.match(finding(60), labels, "eeeeeeeeeeee") is None


def test_must_find_with_a_key_needs_that_place() -> None:
    item = {"rule": "secret-key", "path": "a.py", "line": 10, "key": "ffffffffffff"}
    assert score.near(item, {**finding(99), "key": "ffffffffffff"})
    assert score.near(item, {**finding(12), "key": "000000000000"})
    assert not score.near(item, {**finding(99), "key": "000000000000"})


def test_mask_hides_keys_object_ids_and_card_numbers() -> None:
    text = "k = 'sk_" + "live_" + "A1b2C3d4E5f6G7h8' card 4242 4242 4242 4242 price_1AbCdEfGhIj"
    masked = trees.mask(text)
    assert "A1b2C3d4" not in masked and "4242 4242" not in masked and "AbCdEfGh" not in masked
    assert masked.startswith("k = 'sk_live_…'")


def test_committed_labels_are_well_formed_and_hold_no_secret() -> None:
    products = {p.name for p in trees.load_corpus()}
    assert len(products) >= 10
    for path in sorted((EVAL / "labels").glob("*.toml")):
        assert path.stem in products, path
        text = path.read_text(encoding="utf-8")
        assert SECRET_RE.search(text) is None, path
        document = tomllib.loads(text)
        for entry in document.get("finding", []):
            assert entry["verdict"] in score.VERDICTS, (path, entry)
            assert re.fullmatch(r"[0-9a-f]{12}", entry["key"]), (path, entry)
            assert entry["reason"].strip(), (path, entry)
            assert entry.get("max_severity", "info") in score.SEVERITY_RANK, (path, entry)
        for item in document.get("must_find", []):
            assert item["rule"] and item["path"] and item["reason"], (path, item)


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_write_tree_exports_a_commit_from_a_bare_directory(tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "pay.py").write_text("import stripe\n")
    (source / "run.sh").write_text("echo hi\n")
    (source / "run.sh").chmod(0o755)
    git("init", "-q", cwd=source)
    git("add", ".", cwd=source)
    git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "x", cwd=source)
    commit = git("rev-parse", "HEAD", cwd=source)
    bare = tmp_path / "bare.git"
    git("clone", "-q", "--bare", str(source), str(bare), cwd=tmp_path)
    dest = tmp_path / "dest"
    dest.mkdir()
    assert trees.write_tree(bare, commit, dest) == []
    assert (dest / "pkg" / "pay.py").read_text() == "import stripe\n"
    assert (dest / "run.sh").stat().st_mode & 0o111


def test_a_missing_mirror_says_how_to_fetch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trees, "WORK", tmp_path / "work")
    product = trees.Product("demo", "owner/demo", "0" * 40, ["Python"])
    with pytest.raises(RuntimeError, match="github:owner/demo"):
        trees.export(product, tmp_path / "mirror")
