"""What the code asks of the account's billing settings: portal sessions and automatic tax.

Read by the billing-settings-ready account check: a billing portal session created without a
``configuration`` uses the account's default live portal configuration, and ``automatic_tax``
with ``enabled: true`` needs live Stripe Tax settings that are active. Every language the SDKs
cover, from the source text and the language-neutral calls; test code is left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from golive_ci.config import Config
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.syntax import calls

NEEDLES: tuple[bytes, ...] = (
    b"illingPortal", b"illing_portal", b"illingportal", b"ILLING_PORTAL", b"utomatic_tax", b"utomaticTax",
)  # fmt: skip
# stripe.billingPortal.sessions.create, stripe.billing_portal.Session.create, Stripe::BillingPortal::Session.create,
# $stripe->billingPortal->sessions->create, \Stripe\BillingPortal\Session::create, sc.V1BillingPortalSessions.Create
_PORTAL_CALL = re.compile(r"(?i)billing_?portal(?:[.:>\\-]+|_)?(?:v1)?sessions?$")
# Typed SDKs build the parameters in a class of their own: stripe-go, stripe-java, stripe-dotnet.
_PORTAL_PARAMS = re.compile(
    rb"BillingPortalSession(?:Create)?Params\b|billingportal\.SessionCreateParams\b"
    rb"|BillingPortal\.Session(?:Create)?(?:Options|Service)\b|\bbillingportal/session\""
)
_CSHARP_PORTAL_IMPORT = re.compile(rb"using\s+Stripe\.BillingPortal\s*;")
_CSHARP_SESSION_OPTIONS = re.compile(rb"new\s+SessionCreateOptions\b")
_CONFIGURATION = re.compile(rb"(?i)[\"'\b]?configuration[\"']?\s*(?:=>|:|=(?!=)|\])|setConfiguration\(")
# Not inside another name (`enable_automatic_tax` is a setting, not the parameter).
_AUTOMATIC_TAX = re.compile(rb"(?<![A-Za-z0-9_])automatic_tax|AutomaticTax")
_ENABLED_TRUE = re.compile(
    rb"(?i)enabled[\"']?\s*(?:=>|:|=(?!=)|\()\s*(?:stripe\.Bool\(\s*|Boolean\.valueOf\(\s*)?true\b"
)
_TAX_WINDOW = 120


def portal_sessions(source: SourceFile) -> list[dict[str, Any]]:
    """{"line", "configuration"} for each billing portal session the file creates."""
    found: list[dict[str, Any]] = []
    file_configures = bool(_CONFIGURATION.search(source.data))
    try:
        file_calls = calls(source)
    except ParseError:
        file_calls = []
    for call in file_calls:
        if call.name.lower() not in ("create", "new", "createasync") or not _PORTAL_CALL.search(call.receiver):
            continue
        inline = any("configuration" in arg.text.lower() for arg in call.args)
        found.append({"line": call.line, "configuration": inline or file_configures})
    if not found and _CSHARP_PORTAL_IMPORT.search(source.data):  # using Stripe.BillingPortal; new SessionCreateOptions
        match = _CSHARP_SESSION_OPTIONS.search(source.data)
        if match is not None:
            line = source.data.count(b"\n", 0, match.start()) + 1
            found.append({"line": line, "configuration": file_configures})
    if not found:
        match = _PORTAL_PARAMS.search(source.data)
        if match is not None:
            line = source.data.count(b"\n", 0, match.start()) + 1
            found.append({"line": line, "configuration": file_configures})
    return found


def automatic_tax_lines(source: SourceFile) -> list[int]:
    """Lines where ``automatic_tax`` is switched on (``enabled: true`` and its spellings)."""
    lines: list[int] = []
    data = source.data
    for match in _AUTOMATIC_TAX.finditer(data):
        window = data[match.end() : match.end() + _TAX_WINDOW]
        if _ENABLED_TRUE.search(window):
            lines.append(data.count(b"\n", 0, match.start()) + 1)
    return sorted(set(lines))


def collect_billing_usage(root: Path, config: Config, notices: list[str] | None = None) -> dict[str, Any]:
    """{"portal": [{"where", "configuration"}], "automatic_tax": ["path:line"]} over the repository."""
    from golive_ci.sources.code_files import read_code_files

    usage: dict[str, Any] = {"portal": [], "automatic_tax": []}
    for source in read_code_files(root, config, notices):
        add_billing_usage(usage, source)
    return usage


def add_billing_usage(usage: dict[str, Any], source: SourceFile) -> None:
    if source.is_test or not source.contains(*NEEDLES):
        return
    for session in portal_sessions(source):
        usage["portal"].append({"where": f"{source.path}:{session['line']}", "configuration": session["configuration"]})
    usage["automatic_tax"] += [f"{source.path}:{line}" for line in automatic_tax_lines(source)]
