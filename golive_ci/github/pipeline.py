"""``golive-ci ci``: static scan, git history, account checks, then everything GitHub shows of them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Finding, Notice, Report
from golive_ci.github.adoption import adopt, history_scope, mark_new_keys, verify_keys
from golive_ci.github.context import RunContext
from golive_ci.github.options import CiOptions
from golive_ci.history import HISTORY_RULE_INFO, scan_history
from golive_ci.report.checklist import Checklist, build_checklist, describe_version_picture
from golive_ci.rules import load_rule, resolve_selection
from golive_ci.rules.base import RuleInfo
from golive_ci.secrets import FragmentScrubber, blank_or_control_problem, mask, redact
from golive_ci.sources.git import find_repository

TYPE_CHECKING = False
if TYPE_CHECKING:
    from golive_ci.collector import Collector

NO_KEY_NOTE = "not run: no live key given (pull requests from forks get no secrets)"
SECRET_VARIABLES = ("STRIPE_LIVE_KEY", "STRIPE_TEST_KEY", "GITHUB_TOKEN")


@dataclass
class Secrets:
    """The secrets of a run. ``rejected`` holds values refused for a blank or control character
    (variable name -> value): never used, never shown, but still scrubbed from every output."""

    live_key: str = ""
    test_key: str = ""
    github_token: str = ""
    rejected: dict[str, str] = field(default_factory=dict, repr=False)
    _fragments: FragmentScrubber | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_environ(cls, env: Mapping[str, str]) -> Secrets:
        given = {name: env.get(name, "").strip() for name in SECRET_VARIABLES}
        rejected = {name: value for name, value in given.items() if blank_or_control_problem(name, value)}
        usable = [("" if name in rejected else given[name]) for name in SECRET_VARIABLES]
        return cls(*usable, rejected=rejected)

    def problems(self) -> list[str]:
        """Why each refused value was refused (naming the variable, never quoting the value)."""
        return [blank_or_control_problem(name, value) for name, value in self.rejected.items()]

    def values(self) -> list[str]:
        """Every secret value given, refused ones included."""
        return [value for value in (self.live_key, self.test_key, self.github_token) if value] + list(
            self.rejected.values()
        )

    def mask_values(self) -> list[str]:
        """What to hide with ``::add-mask::``: each value, and each line and word of a refused one."""
        pieces = [value for value in (self.live_key, self.test_key, self.github_token) if value]
        for value in self.rejected.values():
            pieces += [piece for piece in re.split(r"[\s\x00-\x1f\x7f-\x9f]+", value) if len(piece) >= 4]
        return list(dict.fromkeys(pieces))

    def scrub(self, text: str) -> str:
        """Mask the secrets this run was given (whatever their shape) and every long run of one of
        them (cut by a line break, truncated, URL-encoded), then anything key-shaped."""
        values = self.values()
        for value in values:
            if len(value) >= 8:
                text = text.replace(value, mask(value) if "_" in value[:12] else "***")
        if self._fragments is None:
            self._fragments = FragmentScrubber(values)
        return redact(self._fragments(text))


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
    scope_changes: list[str] = field(default_factory=list)
    files_excluded: int = 0
    baseline_in_use: bool = False
    language: str = "en"


def git_toplevel(path: Path) -> Path | None:
    repository = find_repository(str(path))
    return None if repository is None else Path(repository.top).resolve()


def static_scan(
    root: Path, prefix: str, config: Config, collectors: Sequence[Collector] = ()
) -> tuple[Report, dict[str, list[str]], dict[str, RuleInfo]]:
    """Every static rule over the repository; paths made relative to the repository's top level.
    ``collectors`` learn from the same pass (the version picture, the account checks' code facts)."""
    report = scan([root], root, config, collectors=collectors)
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


def account_checks(
    secrets: Secrets,
    root: Path,
    config: Config,
    api_base: str | None,
    version_picture: Any = None,
    code_facts: Callable[[], Any] | None = None,
) -> tuple[list[Any], list[Finding], str, list[str]]:
    """(results, findings, note, notices) of the account checks; never raises."""
    from golive_ci.account import AccountOptions, all_check_infos, run_account_checks
    from golive_ci.account.policy import CI_BOUNDS

    if not secrets.live_key:
        refused = blank_or_control_problem("STRIPE_LIVE_KEY", secrets.rejected.get("STRIPE_LIVE_KEY", ""))
        note = f"could not verify: {refused}" if refused else NO_KEY_NOTE
        not_run = [NotRun(info.slug, info.checklist, note) for info in all_check_infos()]
        return not_run, [], note, []
    try:
        options = AccountOptions(
            root=root,
            config=config,
            live_key=secrets.live_key,
            test_key=secrets.test_key or None,
            api_base=api_base or None,
            bounds=CI_BOUNDS,  # the configuration is the pull request's: clamped, lookups capped
            full_urls=False,  # the comment and the job summary are public on public repositories
            version_picture=version_picture,
            code_facts=None if code_facts is None else code_facts(),
        )
        account = run_account_checks(options)
    except Exception as exc:  # the account layer reports its own failures; anything else is a notice
        reason = secrets.scrub(f"{exc.__class__.__name__}: {exc}")
        return [], [], f"could not run ({reason})", [f"account checks could not run: {reason}"]
    notes = [secrets.scrub(str(note)) for note in getattr(account, "notes", [])]
    return list(account.results), list(account.to_findings()), "ran with the live key", notes


class CodePass:
    """What ``ci``'s one pass over the working tree learns besides the static report: the version
    picture always, the account checks' code facts when a live key will need them."""

    def __init__(self, root: Path, config: Config, *, account: bool) -> None:
        from golive_ci.versions.picture import PictureCollector

        self.picture = PictureCollector(root)
        self.code: tuple[Any, Any] | None = None
        if account:
            from golive_ci.account.code import code_collectors

            self.code = code_collectors(root, config)

    def collectors(self) -> list[Collector]:
        return [self.picture, *(self.code or ())]

    def version_picture(self) -> tuple[Any, list[str]]:
        """The code's API-version picture, for the comment and the account checks."""
        try:
            return self.picture.picture(), []
        except Exception as exc:
            return None, [f"version picture not available: {exc.__class__.__name__}: {redact(str(exc))}"]

    def code_facts(self, picture: Any) -> Any:
        """The account checks' code facts (``picture``: the one the comment shows, None if it failed)."""
        from golive_ci.account.code import code_facts_from

        assert self.code is not None, "built with account=True"
        return code_facts_from(self.code, picture if picture is not None else self.picture)


def gather(options: CiOptions, context: RunContext, secrets: Secrets) -> CiResult:
    root = options.path.resolve()
    toplevel = git_toplevel(root)
    prefix = ""
    if toplevel is not None and root != toplevel and root.is_relative_to(toplevel):
        prefix = root.relative_to(toplevel).as_posix()
    code_pass = CodePass(root, options.config, account=bool(secrets.live_key))
    report, covered, infos = static_scan(root, prefix, options.config, code_pass.collectors())
    notices = list(context.notices) + secrets.problems()
    own: list[str] | None = None
    history_keys: dict[str, str] = {}
    if options.history:
        if toplevel is None:
            notices.append("git history not scanned: not a git repository")
        else:
            revisions, own, note = history_scope(context, toplevel, options.history_range)
            if note:
                notices.append(note)
            history = scan_history(toplevel, revisions, options.config, keep_keys=options.verify_leaked_keys)
            history_keys = history.keys
            report.findings.extend(mark_new_keys(history.findings, toplevel, own))
            report.notices.extend(history.notices)
            covered.setdefault("key-rotation", []).append(f"git history ({history.commits_scanned} commits)")
            infos[HISTORY_RULE_INFO.slug] = HISTORY_RULE_INFO
    if options.verify_leaked_keys:
        notices.append(verify_keys(report, toplevel or root, history_keys, options.stripe_api_base))
    baseline_in_use = adopt(report, options, context, toplevel or root, prefix, own, notices, covered)
    picture, version_notices = code_pass.version_picture()
    facts = None if code_pass.code is None else (lambda: code_pass.code_facts(picture))
    results, account_findings, account_note, account_notices = account_checks(
        secrets, root, options.config, options.stripe_api_base, picture, facts
    )
    report.findings.extend(account_findings)
    notices.extend(account_notices)
    details = describe_version_picture(picture) if picture is not None else []
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
    result.files_excluded = files_excluded(report, root, options.config)
    if pr and pr.base_sha and pr.head_sha and toplevel is not None:
        result.scope_changes = pull_request_scope_changes(toplevel, pr.base_sha, pr.head_sha, options.config, prefix)
    result.baseline_in_use = baseline_in_use
    result.language = options.language
    result.checklist = checklist_for(result, context, {})
    return result


def files_excluded(report: Report, root: Path, config: Config) -> int:
    """Files the configuration excludes: the scan's own count once the report has one, else counted here."""
    counted = getattr(report, "files_excluded", None)
    if isinstance(counted, int):
        return counted
    from golive_ci.github.scope import count_excluded_files

    return count_excluded_files(root, config.exclude)


def pull_request_scope_changes(toplevel: Path, base: str, head: str, config: Config, prefix: str) -> list[str]:
    from golive_ci.github.scope import scope_changes
    from golive_ci.github.workflow import changed_files

    changed = changed_files(toplevel, base, head)
    if changed is None:
        return [
            "unknown: the base commit is not in the clone (`fetch-depth: 0`), so changes to the configuration, "
            ".gitattributes and baselines could not be listed"
        ]
    return scope_changes(toplevel, base, head, changed, config, prefix)


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
        scope_changes=result.scope_changes,
        files_excluded=result.files_excluded,
        baselined=result.report.baselined if result.baseline_in_use or result.report.baselined else None,
        files_scanned=result.report.files_scanned,
        language=result.language,
    )
