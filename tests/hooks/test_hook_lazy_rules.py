"""The hooks import only the rules that can fire on the changed files, and find exactly what all rules find."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.config_model import Config
from golive_ci.engine import scan
from golive_ci.findings import Report
from golive_ci.hook_rules import _wanting, rules_that_can_fire
from golive_ci.hook_runner import hook_report
from golive_ci.rules import RULES, load_rule
from golive_ci.rules.base import RuleContext
from golive_ci.rules.prefilters import PREFILTERS
from golive_ci.sourcefile import SourceFile
from tests import paths
from tests.conftest import git
from tests.keys import key

ROOT = paths.ROOT
GATED = [slug for slug in RULES if PREFILTERS.get(slug)]
ALWAYS = [slug for slug in RULES if not PREFILTERS.get(slug)]
# Files that hold no needle of any gated rule, in the languages and formats a commit touches.
PLAIN_FILES = {
    "app/Models/Invoice.php": "<?php\nnamespace App\\Models;\n\nclass Invoice {\n    public function total(): int {\n"
    "        return array_sum(array_map(fn ($line) => $line->amount * $line->quantity, $this->lines));\n    }\n}\n",
    "app/Http/Controllers/HomeController.php": "<?php\nclass HomeController {\n    public function index() {\n"
    "        return view('home', ['user' => auth()->user()]);\n    }\n}\n",
    "lib/format.py": "def money(cents: int) -> str:\n    return f'{cents / 100:.2f}'\n",
    "web/src/cart.ts": "export function total(items: { price: number; qty: number }[]): number {\n"
    "  return items.reduce((sum, item) => sum + item.price * item.qty, 0);\n}\n",
    "docs/notes.md": "# Notes\n\nNothing about payments here.\n",
    "deploy/app.yaml": "replicas: 2\nimage: shop:1.4\n",
}


def _corpus() -> dict[str, bytes]:
    """The fixture files and examples (most use Stripe), a few plain files, a binary and a UTF-16 one."""
    files = {
        path.relative_to(ROOT).as_posix(): path.read_bytes()
        for folder in (ROOT / "tests" / "fixtures", ROOT / "examples")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    files.update({name: text.encode() for name, text in PLAIN_FILES.items()})
    files["assets/logo.bin"] = b"\x89PNG\r\n\x1a\n\0\0" + key("sk_live").encode() + b"\0"
    files["assets/blank.bin"] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
    files["assets/wide.bin"] = ("key=" + key("sk_live") + "\n").encode("utf-16-le")  # no byte-order mark
    files["config/keys.txt"] = ("\ufeffSTRIPE_KEY=" + key("sk_live") + "\n").encode("utf-16")
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("lazy") / "repo"
    for name, data in _corpus().items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(data)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "corpus")
    return repo


def _all_rules_report(paths: list[Path], root: Path, config: Config) -> Report:
    return scan(paths, root, config, select=list(RULES), partial=True)


def _names(repo: Path) -> list[str]:
    return sorted(path.relative_to(repo).as_posix() for path in repo.rglob("*") if ".git" not in path.parts)


def test_each_file_gets_the_findings_and_notices_of_all_rules(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    config = Config()
    narrowed = 0
    names = [name for name in _names(corpus) if (corpus / name).is_file()]
    for name in names:
        paths = [Path(name)]
        lazy = hook_report(paths, corpus, config, list(RULES))
        full = _all_rules_report(paths, corpus, config)
        assert (name, lazy.findings, lazy.notices) == (name, full.findings, full.notices)
        narrowed += len(rules_that_can_fire(list(RULES), paths, corpus, config)) < len(RULES)
    # The comparison means something: most files leave some rules out, and the corpus has findings.
    assert narrowed >= len(names) // 2
    assert _all_rules_report([Path(n) for n in names], corpus, config).findings


def test_a_commit_of_several_files_gets_the_same_report(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    config = Config()
    commits = [
        list(PLAIN_FILES),
        [*PLAIN_FILES, "assets/logo.bin"],
        ["tests/fixtures/webhooks/" + p.name for p in sorted((corpus / "tests/fixtures/webhooks").iterdir())[:5]],
        ["examples/shop/" + p.name for p in sorted((corpus / "examples/shop").iterdir())],
    ]
    for names in commits:
        paths = [Path(name) for name in names]
        lazy, full = hook_report(paths, corpus, config, list(RULES)), _all_rules_report(paths, corpus, config)
        assert (lazy.findings, lazy.notices) == (full.findings, full.notices)


@functools.cache
def _sources() -> dict[str, SourceFile]:
    """Files full of needles: the package itself, its docs, the fixtures and the plain files."""
    paths = [*sorted((ROOT / "golive_ci").rglob("*.py")), *sorted((ROOT / "docs").glob("*.md"))]
    sources = {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in paths} | _corpus()
    return {name: SourceFile(path=name, data=data) for name, data in sources.items()}


@pytest.mark.parametrize("slug", GATED)
def test_a_rule_never_wants_a_file_the_gate_leaves_out(slug: str, tmp_path: Path) -> None:
    rule = load_rule(slug)(RuleContext(root=tmp_path, config=Config(), partial=True))
    wanted = [source for source in _sources().values() if rule.wants(source)]
    assert wanted  # the rule reads some of these files
    assert [source.path for source in wanted if slug not in _wanting({slug}, source)] == []


def test_binary_utf16_unreadable_and_configured_cases(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    config = Config()
    plain = [Path(name) for name in PLAIN_FILES]
    assert rules_that_can_fire(list(RULES), plain, corpus, config) == ALWAYS
    assert rules_that_can_fire(GATED, plain, corpus, config) == []
    # A binary file: only the rule that reads binary files may fire there.
    assert rules_that_can_fire(GATED, [Path("assets/blank.bin")], corpus, config) == ["secret-key"]
    # UTF-16 with a byte-order mark is decoded before the rules see it: every rule stays.
    assert rules_that_can_fire(GATED, [Path("config/keys.txt")], corpus, config) == GATED
    # A folder, a missing file, a symbolic link: the scan reports them, with every rule loaded.
    (corpus / "link.php").symlink_to(corpus / "app/Models/Invoice.php")
    for odd in (Path("app"), Path("gone.php"), Path("link.php")):
        assert rules_that_can_fire(GATED, [*plain, odd], corpus, config) == GATED
    # Options are read (and checked) when the rule is built: a configured rule is always loaded.
    configured = Config(rules={"test-object-id": {"coupons": ["SPRING"]}})
    assert rules_that_can_fire(GATED, plain, corpus, configured) == ["test-object-id"]
    # Every file excluded: the scan says nothing was scanned, so it runs.
    excluded = Config(exclude=["app", "lib", "web", "docs", "deploy"])
    assert rules_that_can_fire(GATED, plain, corpus, excluded) == GATED
    report = hook_report(plain, corpus, excluded, GATED)
    assert report.notices == _all_rules_report(plain, corpus, excluded).notices
    assert report.notices
    # The order of the selection is kept.
    php = [Path("tests/fixtures/webhooks/" + p.name) for p in (corpus / "tests/fixtures/webhooks").glob("*.php")]
    chosen = rules_that_can_fire(list(RULES), php, corpus, config)
    assert chosen == [slug for slug in RULES if slug in chosen] and "webhook-signature" in chosen


def _imported_rules(repo: Path, hook: str, files: list[str]) -> tuple[int, list[str]]:
    code = (
        "import json, sys\n"
        f"from golive_ci.hooks.{hook} import main\n"
        f"code = main({files!r})\n"
        "print(json.dumps([code, sorted(name for name in sys.modules if name.startswith('golive_ci.'))]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True)
    code_, modules = json.loads(result.stdout.strip().splitlines()[-1])
    return code_, modules


def _module(slug: str) -> str:
    return RULES[slug].partition(":")[0]


def test_a_commit_without_stripe_needles_loads_none_of_the_gated_rules(git_repo: Path) -> None:
    for name, text in PLAIN_FILES.items():
        (git_repo / name).parent.mkdir(parents=True, exist_ok=True)
        (git_repo / name).write_text(text, encoding="utf-8")
    code, modules = _imported_rules(git_repo, "stripe_golive", list(PLAIN_FILES))
    assert code == 0
    assert [slug for slug in GATED if _module(slug) in modules] == []
    assert [slug for slug in ALWAYS if _module(slug) not in modules] == []
    # The secret-key hook has nothing to load at all: no rule, no engine.
    code, modules = _imported_rules(git_repo, "stripe_secret_keys", list(PLAIN_FILES))
    assert code == 0 and _module("secret-key") not in modules and "golive_ci.engine" not in modules


def test_a_stripe_file_loads_the_rules_it_can_trigger_and_they_fire(git_repo: Path) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "webhooks" / "plain_php_unverified.php", git_repo / "hook.php")
    (git_repo / "config.py").write_text(f'STRIPE_KEY = "{key("sk_live")}"\n', encoding="utf-8")
    code, modules = _imported_rules(git_repo, "stripe_golive", ["hook.php", "config.py"])
    assert code == 1
    assert _module("webhook-signature") in modules and _module("secret-key") in modules
    assert _module("raw-card-data-api") not in modules  # no expiry month in either file
    code, modules = _imported_rules(git_repo, "stripe_secret_keys", ["hook.php", "config.py"])
    assert code == 1 and _module("secret-key") in modules
