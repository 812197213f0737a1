"""The benchmark's tree generator and output parsing. Nothing here times anything."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from golive_ci.cli import main as golive_main
from golive_ci.rules import RULES
from golive_ci.secrets import NEEDLES, SECRET_RE
from tests import paths

BENCH = paths.ROOT / "bench"
sys.path.insert(0, str(BENCH))

import generate_tree  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import rule_costs  # noqa: E402
import run  # noqa: E402

SMALL = 0.03  # about 100 files: every kind of file, planted keys included


@pytest.fixture(scope="module")
def small_tree() -> generate_tree.Tree:
    return generate_tree.build_tree(generate_tree.DEFAULT_SEED, SMALL)


@pytest.fixture(scope="module")
def tree_dir(small_tree: generate_tree.Tree, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("bench") / "tree"
    generate_tree.write_tree(small_tree, directory)
    return directory


def test_generator_is_deterministic_and_seeded(small_tree: generate_tree.Tree) -> None:
    again = generate_tree.build_tree(generate_tree.DEFAULT_SEED, SMALL)
    other_seed = generate_tree.build_tree(generate_tree.DEFAULT_SEED + 1, SMALL)
    assert again.files == small_tree.files
    assert again.digest() == small_tree.digest()
    assert other_seed.digest() != small_tree.digest()


def test_tree_has_every_kind_of_file_and_clean_hook_files(small_tree: generate_tree.Tree) -> None:
    suffixes = {Path(name).suffix for name in small_tree.files}
    assert {".py", ".js", ".ts", ".tsx", ".rb", ".php", ".go", ".java", ".cs", ".md", ".yaml", ".json"} <= suffixes
    assert {"web/package-lock.json", "go/go.sum", "php/composer.lock", ".gitignore"} <= set(small_tree.files)
    assert all(name.startswith("web/node_modules/") for name in small_tree.ignored)
    planted_paths = {key.path for key in small_tree.planted}
    for name in generate_tree.HOOK_FILES:
        assert name in small_tree.files
        assert name not in planted_paths


def test_planted_keys_are_found_by_golive_ci_scan(
    small_tree: generate_tree.Tree, tree_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (tree_dir / "web/node_modules").is_dir()
    assert len(generate_tree.tracked_files(tree_dir)) == len(small_tree.files)

    code = golive_main(["scan", "--select", "secret-key", "--format", "json", str(tree_dir)])
    output = capsys.readouterr().out
    findings = json.loads(output)["findings"]
    found = {(f["path"], f["line"], f["details"]["kind"]) for f in findings if f["details"]["kind"] != "placeholder"}
    # decoys shaped like keys (sk_live_ + xxxx…) are warnings that say so, never errors (issue 11)
    assert all(f["severity"] == "warning" for f in findings if f["details"]["kind"] == "placeholder")

    kinds = {"live-secret": "live", "live-restricted": "live", "test-secret": "test", "webhook-secret": "webhook"}
    assert found == {(key.path, key.line, kinds[key.kind]) for key in small_tree.planted}
    assert code == 1
    for key in small_tree.planted:  # the scanner masks what it reports
        line = small_tree.files[key.path].decode().splitlines()[key.line - 1]
        secret = SECRET_RE.search(line)
        assert secret is not None
        assert secret.group(0) not in output


def test_output_parsers_count_flagged_files() -> None:
    golive = (
        "a/b.py:3:9: secret-key Stripe live secret key sk_live_…abcd committed\n"
        "a/b.py:7:1: secret-key Stripe test secret key sk_test_…wxyz committed\n"
        "c.js:1:1: webhook-signature [warning] handler does not verify\n"
        "Found 3 problem(s): 2 error(s), 1 warning(s), 0 info (9 file(s) scanned).\n"
    )
    assert measure.golive_counts(golive) == (1, 3)
    detect_secrets = "Secret Type: Stripe Access Key\nLocation:    x.py:1\n\nLocation:    y/z.yaml:12\n"
    assert measure.detect_secrets_counts(detect_secrets) == (2, 2)
    assert measure.rg_counts("./x.py\n./y/z.yaml\n") == (2, 2)


def test_markdown_block_replaces_only_the_marked_section(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Bench\n\nintro\n\n{report.START_MARKER}\nold numbers\n{report.END_MARKER}\n\ncaveats\n")
    report.write_markdown(readme, f"{report.START_MARKER}\nnew numbers\n{report.END_MARKER}\n")
    text = readme.read_text()
    assert "new numbers" in text and "old numbers" not in text
    assert text.startswith("# Bench\n\nintro\n") and text.endswith("\n\ncaveats\n")
    assert text.count(report.START_MARKER) == 1


def test_rule_costs_books_every_rule_and_the_shared_work(small_tree: generate_tree.Tree, tree_dir: Path) -> None:
    seconds, files, total = rule_costs.measure(tree_dir)
    assert set(RULES) <= set(seconds)
    assert {rule_costs.ENGINE, rule_costs.PARSE, rule_costs.EXTRACT} <= set(seconds)
    assert all(value >= 0 for value in seconds.values())
    assert total == pytest.approx(sum(seconds.values()))
    tracked = len(generate_tree.tracked_files(tree_dir))
    assert all(0 <= files[slug] <= tracked for slug in RULES)
    with_needle = [name for name, data in small_tree.files.items() if any(n in data for n in NEEDLES)]
    assert files["secret-key"] == len(with_needle) == len({key.path for key in small_tree.planted}) + 1  # + docs


def test_timing_loop_counts_runs_prepares_each_run_and_stops_a_failing_command(tmp_path: Path) -> None:
    prepared: list[str] = []
    ok = measure.Command("ok", [sys.executable, "-c", "print('./a.py')"], "rg", 3, measure.rg_counts,
                         prepare=lambda: prepared.append("ok"))  # fmt: skip
    broken = measure.Command("broken", [sys.executable, "-c", "raise SystemExit(3)"], "golive-ci", 3)
    timings = {t.command.label: t for t in measure.time_commands([ok, broken], tmp_path)}
    assert len(timings["ok"].wall) == len(timings["ok"].cpu) == 3
    assert prepared == ["ok"] * 4  # the warm-up run and three timed runs
    assert timings["ok"].flagged_files == 1 and timings["ok"].exit_codes == {0}
    assert timings["broken"].error == "exit code 3" and timings["broken"].wall == []


def test_import_costs_summarizes_importtime_output() -> None:
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       100 |        100 |   encodings.utf_8\n"
        "import time:       300 |        400 | encodings\n"
        "import time:      2000 |       2000 |     golive_ci.findings\n"
        "import time:       500 |       2500 |   golive_ci.engine\n"
        "import time:       700 |       3200 | golive_ci.hooks.stripe_secret_keys\n"
    )
    costs = measure.import_costs(stderr)
    assert costs.total_us == 3600
    assert costs.top_level == [("golive_ci.hooks.stripe_secret_keys", 3200), ("encodings", 400)]
    assert costs.heaviest_self[0] == ("golive_ci.findings", 2000)


def test_hooks_are_the_entry_points_into_golive_ci_hooks(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[project.scripts]\n"
        'golive-ci = "golive_ci.cli:main"\n'
        'golive-ci-helper = "golive_ci.tools:main"\n'
        'golive-ci-secret-keys = "golive_ci.hooks.stripe_secret_keys:main"\n'
        'golive-ci-new-hook = "golive_ci.hooks.stripe_new:main"\n'
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "golive-ci-secret-keys").write_text("")
    found, notes = run.hook_scripts(bin_dir, pyproject)
    assert found == {"golive-ci-secret-keys": bin_dir / "golive-ci-secret-keys"}
    assert len(notes) == 1 and "golive-ci-new-hook" in notes[0]
