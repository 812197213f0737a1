"""golive-ci versions and build_version_picture: the repository's version picture."""

from __future__ import annotations

import json
from pathlib import Path

from golive_ci.cli import main
from golive_ci.config import Config
from golive_ci.versions.picture import build_version_picture
from tests.api_version_runner import copy_fixture, write_tree

FILES = {
    "app/settings.py": "import stripe\nstripe.api_version = '2024-06-20'\n",
    "app/views.py": "import os\nimport stripe\nstripe.api_key = os.environ['K']\n",
    "web/server.js": "const stripe = require('stripe')(process.env.KEY);\n",
    "requirements.txt": "stripe==15.4.0\n",
    "web/package.json": '{"dependencies": {"stripe": "latest"}}',
    "go.mod": "module x\nrequire github.com/stripe/stripe-go/v86 v86.2.0\n",
    "tests/test_x.py": "import stripe\nstripe.api_version = '2011-01-01'\n",
}


def test_picture_lists_pins_sdks_and_advice(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    picture = build_version_picture(tmp_path, Config())
    assert picture.latest_version == "2026-10-28.endive"
    assert [(p.path, p.line, p.version, p.status) for p in picture.pins] == [
        ("app/settings.py", 2, "2024-06-20", "pinned"),
        ("web/server.js", 1, None, "unpinned"),
    ]  # app/views.py is pinned by settings.py; tests are left out
    sdks = {(d.path, d.sdk): d for d in picture.sdks}
    assert sdks[("requirements.txt", "stripe-python")].pinned_api_version == "2026-07-29.dahlia"
    assert sdks[("go.mod", "stripe-go")].pinned_api_version == "2026-07-29.dahlia"
    assert picture.sdk_status(sdks[("web/package.json", "stripe-node")]) == "floating"
    assert any("web/server.js:1" in item for item in picture.advice)
    assert any("stripe-go 86.2.0 fixes the API version at 2026-07-29.dahlia" in item for item in picture.advice)


def test_picture_json_is_serialisable(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    data = build_version_picture(tmp_path, Config()).to_dict()
    text = json.dumps(data)
    assert json.loads(text)["latest_release_train"] == "endive"
    assert {p["verdict"] for p in data["pins"]} == {"outdated", "unpinned"}


def test_global_key_without_any_global_version_is_listed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.rb": "Stripe.api_key = ENV['K']\n"})
    [pin] = build_version_picture(tmp_path, Config()).pins
    assert (pin.path, pin.status, pin.kind) == ("a.rb", "unpinned", "global")


def test_cli_text_table(tmp_path: Path, capsys) -> None:
    write_tree(tmp_path, FILES)
    assert main(["versions", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Stripe API versions (newest known: 2026-10-28.endive, release endive)")
    assert "app/settings.py:2" in out and "legacy, pre-acacia" in out and "outdated" in out
    assert "web/package.json:1" in out and "floating" in out
    assert "What to do:" in out


def test_cli_markdown_and_json(tmp_path: Path, capsys) -> None:
    write_tree(tmp_path, FILES)
    assert main(["versions", str(tmp_path), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| Location | Language | Set by | Version | Release | Status |" in out
    assert main(["versions", str(tmp_path), "--format", "json", "--include-tests"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "tests/test_x.py" in {p["path"] for p in data["pins"]}


def test_cli_output_file(tmp_path: Path, capsys) -> None:
    write_tree(tmp_path, FILES)
    target = tmp_path / "out.json"
    assert main(["versions", str(tmp_path), "--format", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["latest_version"] == "2026-10-28.endive"


def test_cli_errors_are_one_line(tmp_path: Path, capsys) -> None:
    assert main(["versions", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "f.py").write_text("x = 1\n")
    assert main(["versions", str(tmp_path / "f.py")]) == 2
    err = capsys.readouterr().err
    assert "is not a folder" in err and "Traceback" not in err


def test_empty_repository(tmp_path: Path, capsys) -> None:
    assert main(["versions", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "(none found)" in out and "No Stripe client" in out


def test_unparseable_files_become_notices(tmp_path: Path, capsys) -> None:
    write_tree(tmp_path, {"bad.py": "import stripe\ndef (:\n", "package.json": '{"dependencies": {"stripe": '})
    assert main(["versions", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "notice: bad.py" in out and "notice: package.json" in out


def test_new_user_fixture_picture(tmp_path: Path) -> None:
    root = copy_fixture("newuser", tmp_path)
    picture = build_version_picture(root, Config())
    ecosystems = {d.ecosystem for d in picture.sdks}
    assert ecosystems == {"python", "node", "ruby", "php", "go", "java", "dotnet"}
    assert {p.language for p in picture.pins} >= {"python", "javascript", "typescript", "ruby", "php"}


def test_no_secret_reaches_the_output(tmp_path: Path, capsys) -> None:
    key = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dcQ"
    write_tree(tmp_path, {"a.js": f"const stripe = require('stripe')('{key}');\n"})
    assert main(["versions", str(tmp_path), "--format", "json"]) == 0
    assert key not in capsys.readouterr().out
