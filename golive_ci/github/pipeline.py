"""``golive-ci ci``: static scan, git history, account checks, then everything GitHub shows of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Finding, Notice, Report
from golive_ci.github.checklist import Checklist, build_checklist, describe_version_picture
from golive_ci.github.context import RunContext
from golive_ci.history import HISTORY_RULE_INFO, has_commit, scan_history
from golive_ci.rules import load_rule, resolve_selection
from golive_ci.rules.base import RuleInfo
from golive_ci.secrets import mask, redact
from golive_ci.sources.git import find_repository

NO_KEY_NOTE = "not run: no live key given (pull requests from forks get no secrets)"


@dataclass
class CiOptions:
    path: Path
    config: Config
    fail_on: str = "error"
    comment: bool = True
    history: bool = True
    history_range: list[str] | None = None
    sarif_file: str = ""
    comment_author: str = ""
    stripe_api_base: str = ""  # a proxy, or a stand-in in tests (commands/ci.py checks the host)
    language: str = "en"  # of the comment and the job summary; machine output never changes with it


@dataclass
class Secrets:
    live_key: str = ""
    test_key: str = ""
    github_token: str = ""

    @classmethod
    def from_environ(cls, env: Mapping[str, str]) -> Secrets:
        return cls(
            live_key=env.get("STRIPE_LIVE_KEY", "").strip(),
            test_key=env.get("STRIPE_TEST_KEY", "").strip(),
            github_token=env.get("GITHUB_TOKEN", "").strip(),
        )

    def values(self) -> list[str]:
        return [value for value in (self.live_key, self.test_key, self.github_token) if value]

    def scrub(self, text: str) -> str:
        """Mask the secrets this run was given (whatever their shape), then anything key-shaped."""
        for value in self.values():
            if len(value) >= 8:
                text = text.replace(value, mask(value) if "_" in value[:12] else "***")
        return redact(text)


@dataclass(frozen=True)
class NotRun:
    """An account check that did not run, in the shape of ``golive_ci.account``'s CheckResult."""

    check: str
    checklist: str
    message: str
    status: str = "not-run"


@dataclass
class CiResult:
    report: Report
    checklist: Checklist
    account_results: list[Any] = field(default_factory=list)
    account_note: str = ""
    covered: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, set[int]] | None = None
    infos: dict[str, RuleInfo] = field(default_factory=dict)
    details: dict[str, list[str]] = field(default_factory=dict)
    language: str = "en"


def git_toplevel(path: Path) -> Path | None:
    repository = find_repository(str(path))
    return None if repository is None else Path(repository.top).resolve()


def static_scan(root: Path, prefix: str, config: Config) -> tuple[Report, dict[str, list[str]], dict[str, RuleInfo]]:
    """Every static rule over the repository; paths made relative to the repository's top level."""
    report = scan([root], root, config)
    if prefix:
        report.findings = [f.replace(path=f"{prefix}/{f.path}") for f in report.findings]
        report.notices = [Notice(f"{prefix}/{n.path}" if n.path else "", n.message) for n in report.notices]
    covered: dict[str, list[str]] = {}
    infos: dict[str, RuleInfo] = {}
    for slug in resolve_selection(config.select, config.ignore):
        info = load_rule(slug).info()
        infos[slug] = info
        covered.setdefault(info.checklist, []).append(slug)
    return report, covered, infos


def history_revisions(context: RunContext, toplevel: Path, explicit: list[str] | None) -> tuple[list[str], str]:
    """What ``git log`` should walk: the pull request's own commits, else all of HEAD's history."""
    if explicit:
        return explicit, ""
    pr = context.pull_request
    if pr and pr.base_sha and pr.head_sha:
        if has_commit(toplevel, pr.base_sha) and has_commit(toplevel, pr.head_sha):
            return [pr.head_sha, f"^{pr.base_sha}"], ""
        return ["HEAD"], (
            "the pull request's base or head commit is not in the clone (check out with `fetch-depth: 0`): "
            "scanned the history that was fetched instead"
        )
    return ["HEAD"], ""


def account_checks(
    secrets: Secrets, root: Path, config: Config, api_base: str | None
) -> tuple[list[Any], list[Finding], str, list[str]]:
    """(results, findings, note, notices) of the account checks; never raises."""
    from golive_ci.account import AccountOptions, all_check_infos, run_account_checks

    if not secrets.live_key:
        not_run = [NotRun(info.slug, info.checklist, NO_KEY_NOTE) for info in all_check_infos()]
        return not_run, [], NO_KEY_NOTE, []
    try:
        options = AccountOptions(
            root=root,
            config=config,
            live_key=secrets.live_key,
            test_key=secrets.test_key or None,
            api_base=api_base or None,
        )
        account = run_account_checks(options)
    except Exception as exc:  # the account layer reports its own failures; anything else is a notice
        reason = secrets.scrub(f"{exc.__class__.__name__}: {exc}")
        return [], [], f"could not run ({reason})", [f"account checks could not run: {reason}"]
    notes = [secrets.scrub(str(note)) for note in getattr(account, "notes", [])]
    return list(account.results), list(account.to_findings()), "ran with the live key", notes


def version_details(root: Path, config: Config) -> tuple[list[str], list[str]]:
    from golive_ci.versions.picture import build_version_picture

    try:
        return describe_version_picture(build_version_picture(root, config)), []
    except Exception as exc:
        return [], [f"version picture not available: {exc.__class__.__name__}: {redact(str(exc))}"]


def gather(options: CiOptions, context: RunContext, secrets: Secrets) -> CiResult:
    root = options.path.resolve()
    toplevel = git_toplevel(root)
    prefix = ""
    if toplevel is not None and root != toplevel and root.is_relative_to(toplevel):
        prefix = root.relative_to(toplevel).as_posix()
    report, covered, infos = static_scan(root, prefix, options.config)
    notices = list(context.notices)
    if options.history:
        if toplevel is None:
            notices.append("git history not scanned: not a git repository")
        else:
            revisions, note = history_revisions(context, toplevel, options.history_range)
            if note:
                notices.append(note)
            history = scan_history(toplevel, revisions, options.config)
            report.findings.extend(history.findings)
            report.notices.extend(history.notices)
            covered.setdefault("key-rotation", []).append(f"git history ({history.commits_scanned} commits)")
            infos[HISTORY_RULE_INFO.slug] = HISTORY_RULE_INFO
    results, account_findings, account_note, account_notices = account_checks(
        secrets, root, options.config, options.stripe_api_base
    )
    report.findings.extend(account_findings)
    notices.extend(account_notices)
    details, version_notices = version_details(root, options.config)
    notices.extend(version_notices)
    report.notices.extend(Notice("", text) for text in notices)
    report.findings.sort(key=Finding.sort_key)
    changed = None
    pr = context.pull_request
    if pr and pr.base_sha and pr.head_sha and toplevel is not None:
        from golive_ci.github.workflow import changed_lines

        changed = changed_lines(toplevel, pr.base_sha, pr.head_sha)
        if changed is None:
            report.notices.append(
                Notice("", "changed lines unknown (base commit not fetched?): annotating findings anywhere")
            )
    result = CiResult(report, Checklist([]), results, account_note, covered, changed, infos, {"api-version": details})
    result.language = options.language
    result.checklist = checklist_for(result, context, {})
    return result


def checklist_for(result: CiResult, context: RunContext, ticks: Mapping[str, bool]) -> Checklist:
    notices = [f"{n.path}: {n.message}" if n.path else n.message for n in result.report.notices]
    return build_checklist(
        result.report.findings,
        covered=result.covered,
        account_results=result.account_results,
        account_note=result.account_note,
        details=result.details,
        ticks=ticks,
        head_sha=context.head_sha,
        notices=notices,
        language=result.language,
    )
