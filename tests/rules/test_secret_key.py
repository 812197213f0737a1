"""The secret-key detector: what it must find, what it must leave alone, how it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.config import Config, parse_config
from golive_ci.findings import Severity
from golive_ci.rules.secret_key import SecretKeyRule, find_secrets, is_placeholder
from golive_ci.secrets import mask
from tests.keys import body, docs_key, key
from tests.rule_runner import findings_on, new_rule

LIVE = key("sk_live")


def run_rule(text: str, path: str = "app.py", config: Config | None = None, root: Path | None = None):
    rule = new_rule(SecretKeyRule, root=root or Path("/nonexistent"), config=config)
    return findings_on(rule, path, text, ask_wants=False)


@pytest.mark.parametrize("kind", ["sk_live", "sk_test", "rk_live", "rk_test", "sk_org_live", "sk_org_test", "whsec"])
@pytest.mark.parametrize("length", [24, 32, 61, 99, 247])
def test_every_secret_kind_and_length_is_found_whole(kind: str, length: int) -> None:
    secret = key(kind, length)
    found = list(find_secrets(f'KEY = "{secret}"\n', everything=True))
    assert [k for _, k, _, _ in found] == [secret]


@pytest.mark.parametrize(
    "template",
    [
        '"{k}"', "'{k}'", "`{k}`", "{k}\n", "{k}", "x={k};", "curl -u {k}: https://api.stripe.com", "({k})",
        "[{k}]", "{{k: {k}}}", "?key={k}&x=1", "<key>{k}</key>", "{k},next", "KEY={k} # prod", '"key":"{k}"}}',
        "{k}\r\n", "\t{k}\t", "key: {k}", "export STRIPE_SECRET_KEY={k}", "{k}.", "{k}\\n",
    ],
)  # fmt: skip
def test_any_delimiter_after_the_key(template: str) -> None:
    text = template.format(k=LIVE)
    assert [k for _, k, _, _ in find_secrets(text)] == [LIVE]


@pytest.mark.parametrize("before", ["task_live_", "xsk_live_", "ask_test_", "_sk_live_", "1sk_live_", "Ask_live_"])
def test_prefix_needs_a_boundary_before_it(before: str) -> None:
    assert list(find_secrets(before + body(40))) == []


@pytest.mark.parametrize(
    "text",
    [
        "pk_live_" + body(99),  # publishable: public by design
        "pk_test_" + body(99),
        "pi_" + body(24) + "_secret_" + body(25, 3),  # PaymentIntent client secret: goes to the browser
        "sk_live_" + body(23),  # shorter than any real key
        "sk_live_" + "x" * 32,  # one repeated character
        "sk_live_" + "A" * 99,
        "sk_test_" + "TESTtest" * 4,  # a repeated unit
        "sk_live_" + "abcdefghijklmnopqrstuvwxyz",  # a run
        "sk_live_" + "0123456789012345678901234",
        "sk_live_" + "EXAMPLE" + body(30),
        "sk_test_" + "FAKEDONOTUSE" + body(20),
        "sk_live_" + body(20) + "xxxxxxxxxx",
        "rk_live_" + "YourRestrictedKeyHere" + body(10),
        "whsec_" + "test_secret",
        "sk_live_...",
        "sk_live_…",
        "sk_test_123",
        "sk_live_" + "placeholder" + body(20),
    ],
)
def test_not_a_secret(text: str) -> None:
    assert list(find_secrets(f'value = "{text}"')) == []


def test_keys_that_merely_contain_the_word_test_are_still_found() -> None:
    secret = "sk_live_" + body(40)[:10] + "test" + body(40, 2)[:30]
    assert [k for _, k, _, _ in find_secrets(secret)] == [secret]


def test_placeholder_heuristic_spares_random_bodies() -> None:
    assert not any(is_placeholder(body(n, seed)) for n in (24, 61, 99) for seed in range(300))


def test_live_key_is_an_error_with_masked_message_and_position() -> None:
    [finding] = run_rule(f'import stripe\nstripe.api_key = "{LIVE}"\n')
    assert finding.severity is Severity.ERROR
    assert (finding.path, finding.line, finding.column) == ("app.py", 2, 19)
    assert finding.end_column == 19 + len(LIVE)
    assert mask(LIVE) in finding.message and LIVE not in finding.message
    assert finding.message.startswith("Stripe live secret key sk_live_…")
    assert finding.checklist == "key-rotation"
    assert LIVE not in finding.fingerprint and len(finding.fingerprint) == 32


def test_mask_shows_prefix_and_last_four_only() -> None:
    assert mask(LIVE) == "sk_live_…" + LIVE[-4:]
    assert mask(key("sk_org_live")) == "sk_org_live_…" + key("sk_org_live")[-4:]
    assert mask(key("whsec", 32)) == "whsec_…" + key("whsec", 32)[-4:]


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("rk_live", "live restricted key"),
        ("sk_org_live", "live organization key"),
        ("whsec", "webhook signing secret"),
        ("sk_test", "test secret key"),
    ],
)
def test_each_kind_has_its_own_message(kind: str, words: str) -> None:
    [finding] = run_rule(f"x = '{key(kind, 32 if kind == 'whsec' else 99)}'")
    assert words in finding.message
    assert finding.severity is Severity.ERROR


def test_test_keys_can_be_lowered_to_warning_but_live_keys_cannot() -> None:
    config = parse_config({"rules": {"secret-key": {"test-keys": "warning"}}})
    findings = run_rule(f"a = '{key('sk_test')}'\nb = '{key('rk_test')}'\nc = '{LIVE}'\n", config=config)
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING, Severity.ERROR]


def test_stripe_docs_key_is_a_warning_with_its_own_message() -> None:
    for which in (0, 1):
        [finding] = run_rule(f"stripe.api_key = '{docs_key(which)}'")
        assert finding.severity is Severity.WARNING
        assert "public" in finding.message and "documentation" in finding.message


def test_several_keys_on_one_line_are_each_reported() -> None:
    findings = run_rule(f"{LIVE} {key('rk_live', 61)} {key('whsec', 32)}")
    assert len(findings) == 3
    assert [f.column for f in findings] == [1, len(LIVE) + 2, len(LIVE) + 61 + 8 + 3]


def test_column_counts_characters_not_bytes() -> None:
    [finding] = run_rule(f"# café ünïcode\nname = 'é'; k = '{LIVE}'")
    assert (finding.line, finding.column) == (2, 18)


def test_detect_secrets_baseline_false_positive_is_honoured(tmp_path: Path) -> None:
    import hashlib
    import json

    audited, other = key("sk_live", 24, 1), key("sk_live", 24, 2)
    baseline = {
        "results": {
            "settings.py": [
                {"type": "Stripe Access Key", "hashed_secret": hashlib.sha1(audited.encode()).hexdigest(),
                 "is_secret": False, "line_number": 1},
                {"type": "Stripe Access Key", "hashed_secret": hashlib.sha1(other.encode()).hexdigest(),
                 "is_secret": True, "line_number": 2},
            ]
        }
    }  # fmt: skip
    (tmp_path / ".secrets.baseline").write_text(json.dumps(baseline))
    findings = run_rule(f"a = '{audited}'\nb = '{other}'\n", path="settings.py", root=tmp_path)
    assert [f.line for f in findings] == [2]
    # the same string in another file is not covered by the audit
    assert len(run_rule(f"a = '{audited}'", path="other.py", root=tmp_path)) == 1


def test_detect_secrets_baseline_matches_its_truncated_capture_of_long_keys(tmp_path: Path) -> None:
    import hashlib
    import json

    long_key = key("sk_live", 99, 5)
    truncated = long_key[: len("sk_live_") + 24]  # detect-secrets hashes only what its regex captures
    entry = {"hashed_secret": hashlib.sha1(truncated.encode()).hexdigest(), "is_secret": False}
    (tmp_path / ".secrets.baseline").write_text(json.dumps({"results": {"a.py": [entry]}}))
    assert run_rule(long_key, path="a.py", root=tmp_path) == []


def test_broken_baseline_is_ignored_not_fatal(tmp_path: Path) -> None:
    (tmp_path / ".secrets.baseline").write_text("{not json")
    assert len(run_rule(LIVE, root=tmp_path)) == 1
