"""The checklist in English and French: every item, Stripe's own sub-points, the manual boxes, ticks kept."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from golive_ci.cli import main
from golive_ci.findings import CHECKLIST_ITEMS, Finding, Severity
from golive_ci.report.checklist import ITEM_SPECS, build_checklist
from golive_ci.report.checklist_markdown import escape, parse_ticks, render_checklist
from golive_ci.report.wording import FRENCH_ITEMS, TASKS

ROOT = Path(__file__).resolve().parents[2]
# ../shared beside the main checkout, ../../shared beside a worktree under wt/
SEED = (
    next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT / "shared")
    / "seed"
    / "stripe-go-live-checklist-fr.txt"
)
EXAMPLE_SNAPSHOT = Path(__file__).resolve().parents[2] / "examples" / "account-snapshot.json"
MANUAL = {"edge-cases-outside-tester", "webhooks-late-and-unordered", "announcements-subscribed"}
# Sub-points copied word for word from Stripe's French page (the seed).
VERBATIM_FR = [
    "Installez la dernière version de l’API dans Workbench au sein du Dashboard",
    "Données incomplètes",
    "Données non valides",
    "Traite bien les notifications de webhooks en retard",
    "Traite bien les doublons de notification de webhook",
    "N’exige pas que les notifications d’événements interviennent dans un ordre particulier",
]


def link(path: str, line: int, commit: str = "") -> str:
    return f"https://github.com/o/r/blob/{commit or 'HEAD'}/{path}#L{line}"


def body(language: str, ticks: dict[str, bool] | None = None) -> str:
    findings = [Finding("secret-key", Severity.ERROR, "a.py", 2, 1, "Stripe live secret key", "key-rotation")]
    checklist = build_checklist(
        findings, covered={"key-rotation": ["secret-key"]}, ticks=ticks or {}, language=language, head_sha="ab" * 20
    )
    return render_checklist(checklist, link_for=link)


def tick(text: str, task_id: str) -> str:
    """What a reader's click does: the box on the task's line becomes [x]."""
    pattern = re.compile(rf"^- \[ \] (.*<!-- golive-ci:task:{task_id} -->)$", re.MULTILINE)
    ticked, count = pattern.subn(r"- [x] \1", text)
    assert count == 1
    return ticked


@pytest.mark.parametrize("language", ["en", "fr"])
def test_all_eight_items_and_the_manual_boxes_are_rendered(language: str) -> None:
    text = body(language)
    titles = [spec.title for spec in ITEM_SPECS] if language == "en" else [FRENCH_ITEMS[s][0] for s in CHECKLIST_ITEMS]
    assert len(titles) == 8
    for title in titles:
        assert text.count(f" {escape(title)}") >= 2, title  # in the table and as a section heading
    assert set(parse_ticks(text)) == MANUAL
    for task_id in MANUAL:
        assert escape(TASKS[task_id][language]) in text


def test_french_uses_stripes_wording() -> None:
    text = body("fr")
    assert "## Liste de contrôle pour la mise en production Stripe" in text
    assert "### ⏭ Définir la version de l’API" in text and "Élément de la liste" in text
    for point in VERBATIM_FR:
        assert f"- {escape(point)}" in text, point
    assert "un tiers qui n’est pas développeur" in text
    assert "**À faire :**" in text and "What to do" not in text
    assert "1 erreur(s), 0 avertissement(s) au commit `abababababab`" in text
    english = body("en")
    assert "Handles late webhook notifications" in english and "What to do:" in english
    assert "Définir" not in english


@pytest.mark.skipif(not SEED.is_file(), reason="the seed page (../shared/seed) is not beside this checkout")
def test_verbatim_sub_points_are_on_stripes_page() -> None:
    seed = SEED.read_text(encoding="utf-8")
    for point in VERBATIM_FR:
        assert point in seed, point
    assert "définissez la version de l’API" in seed  # the first title's wording


@pytest.mark.parametrize("language", ["en", "fr"])
def test_ticks_survive_an_update(language: str) -> None:
    first = body(language)
    edited = tick(tick(first, "webhooks-late-and-unordered"), "edge-cases-outside-tester")
    ticks = parse_ticks(edited)
    assert ticks == {"edge-cases-outside-tester": True, "webhooks-late-and-unordered": True,
                     "announcements-subscribed": False}  # fmt: skip
    second = body(language, ticks)
    assert parse_ticks(second) == ticks
    assert second != first and second.count("- [x] ") == 2


def test_a_tick_survives_a_change_of_language() -> None:
    ticks = parse_ticks(tick(body("en"), "announcements-subscribed"))
    french = body("fr", ticks)
    assert parse_ticks(french)["announcements-subscribed"] is True
    assert "### ✅ S’abonner aux annonces API" in french and "confirmé par un lecteur" in french


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_account_text_in_french_and_json_unchanged(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("print('shop')\n")
    snapshot = ["--from-snapshot", str(EXAMPLE_SNAPSHOT), "--fail-on", "never"]
    _, english, _ = cli("account", str(tmp_path), *snapshot)
    _, french, _ = cli("account", str(tmp_path), *snapshot, "--language", "fr")
    assert "(snapshot)." in english and "passed" in english
    assert "réussie(s)" in french and "(instantané)." in french and "passed" not in french
    assert re.search(r"^(OK|ÉCHEC|ATTENTION|NON VÉRIFIÉ|NON EXÉCUTÉ) +\S+ \[", french, re.MULTILINE)
    assert "[Définir des endpoints de webhook de production]" in french or "[Définir la version de l’API]" in french
    _, json_en, _ = cli("account", str(tmp_path), *snapshot, "--format", "json")
    _, json_fr, _ = cli("account", str(tmp_path), *snapshot, "--format", "json", "--language", "fr")
    assert json.loads(json_en) == json.loads(json_fr)


def test_language_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".golive-ci.toml").write_text('language = "fr"\n')
    (tmp_path / "app.py").write_text("print('shop')\n")
    _, french, _ = cli("account", str(tmp_path), "--from-snapshot", str(EXAMPLE_SNAPSHOT), "--fail-on", "never")
    assert "réussie(s)" in french
    (tmp_path / ".golive-ci.toml").write_text('language = "de"\n')
    code, _, err = cli("account", str(tmp_path), "--from-snapshot", str(EXAMPLE_SNAPSHOT))
    assert code == 2 and '\'language\' must be "en" or "fr"' in err
