"""Issue 11, class 10 (a TP the one-program rule lost): a stand-alone Python script is its own program."""

from __future__ import annotations

from pathlib import Path

from golive_ci.findings import Severity
from tests.api_version_runner import findings_of, lines_of, run_rules

SERVICE = 'import stripe as stripe_lib\n\nstripe_lib.api_version = "2026-01-28.clover"\nstripe_lib.api_key = KEY\n'
SCRIPT = """import stripe as stripe_lib
import typer
{imports}
cli = typer.Typer()


@cli.command()
def payments_import(stripe_api_key: str) -> None:
    stripe_lib.api_key = stripe_api_key
    run()


if __name__ == "__main__":
    cli()
"""


def scan(tmp_path: Path, imports: str = "") -> list[tuple[str, int]]:
    files = {
        "server/app/integrations/stripe/service.py": SERVICE,
        "server/app/worker.py": "import stripe\nstripe.api_key = KEY\n",
        "server/scripts/payments_import.py": SCRIPT.format(imports=imports),
    }
    return lines_of(run_rules(tmp_path, files, rules=["unpinned-api-version"]), "unpinned-api-version")


def test_a_script_that_never_loads_the_version_setting_is_unpinned(tmp_path: Path) -> None:
    assert scan(tmp_path, "from app.models import Subscription\n") == [("server/scripts/payments_import.py", 10)]


def test_a_script_importing_the_module_that_sets_the_version_is_pinned(tmp_path: Path) -> None:
    assert scan(tmp_path, "from app.integrations.stripe.service import StripeService\n") == []


def test_a_script_importing_a_package_above_that_module_is_pinned(tmp_path: Path) -> None:
    assert scan(tmp_path, "import app.integrations.stripe\n") == []


def test_a_script_that_sets_the_version_itself_is_pinned(tmp_path: Path) -> None:
    assert scan(tmp_path, 'stripe_lib.api_version = "2026-01-28.clover"\n') == []


def test_a_django_script_loads_settings_and_keeps_the_program_rule(tmp_path: Path) -> None:
    assert scan(tmp_path, "import django\ndjango.setup()\n") == []


def test_a_script_finding_is_a_warning_that_says_why(tmp_path: Path) -> None:
    files = {
        "server/app/service.py": SERVICE,
        "server/scripts/payments_import.py": SCRIPT.format(imports=""),
    }
    [finding] = findings_of(run_rules(tmp_path, files, rules=["unpinned-api-version"]), "unpinned-api-version")
    assert finding.severity is Severity.WARNING
    assert "runs as its own program" in finding.message and "server/app/service.py" in finding.message
