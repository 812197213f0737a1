"""What a rule is. A rule is one module: a subclass of :class:`Rule` plus its registry line."""

from __future__ import annotations

import re

from golive_ci.facts import languages_of, needles_of
from golive_ci.findings import UNPARSED_PREFIX, Finding, Notice, Severity
from golive_ci.fingerprints import remember_lines
from golive_ci.records import Record
from golive_ci.secrets import hex_digest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any, ClassVar

    from golive_ci.config_model import Config
    from golive_ci.facts import Fact
    from golive_ci.sourcefile import SourceFile


class RuleInfo(Record):
    """The documentation of a rule or account check (ruff-style): what `golive-ci rules` prints.

    ``kind`` is "static" (scan, hooks) or "account" (golive-ci account)."""

    __slots__ = ("checklist", "example", "fix", "kind", "severity", "slug", "summary", "why")

    def __init__(
        self,
        slug: str,
        summary: str,
        why: str,
        example: str,
        fix: str,
        checklist: str,
        severity: Severity,
        kind: str = "static",
    ) -> None:
        self.slug = slug
        self.summary = summary
        self.why = why
        self.example = example
        self.fix = fix
        self.checklist = checklist
        self.severity = severity
        self.kind = kind

    def render(self) -> str:
        return (
            f"# {self.slug}\n\n"
            f"{self.summary}\n\n"
            f"- Severity: {self.severity.value}\n"
            f"- Checklist item: {self.checklist}\n"
            f"- Kind: {self.kind}\n\n"
            f"## Why it matters\n\n{self.why.strip()}\n\n"
            f"## Example\n\n{self.example.strip()}\n\n"
            f"## Fix\n\n{self.fix.strip()}\n"
        )


class RuleContext(Record):
    """What a rule may see of the run besides the file at hand. Nothing in here is global.

    ``partial`` is set by the hook entry points: only the changed files are seen, not the whole
    repository. ``shared`` holds what rules compute once per run and share (keyed by module)."""

    __slots__ = ("config", "notices", "partial", "root", "shared")
    _uncompared = frozenset({"shared"})

    def __init__(
        self,
        root: Path,
        config: Config,
        notices: list[Notice] | None = None,
        partial: bool = False,
        shared: dict[str, Any] | None = None,
    ) -> None:
        self.root = root
        self.config = config
        self.notices: list[Notice] = [] if notices is None else notices
        self.partial = partial
        self.shared: dict[str, Any] = {} if shared is None else shared

    def notice(self, path: str, message: str) -> None:
        """Record a notice. A file whose code cannot be parsed is one notice, whichever rules met it."""
        failure = _PARSE_FAILURE.search(message) if path else None
        if failure is not None:
            message = f"{UNPARSED_PREFIX}{failure.group(0)}; the rules that read code did not check it"
            if any(n.path == path and n.message == message for n in self.notices):
                return
        self.notices.append(Notice(path, message))


# The ParseError text of a source file (parsing.parse): "could not parse Python source (line 6): …".
_PARSE_FAILURE = re.compile(r"could not parse [\w#+]+ source[^;]*")


class Rule:
    """Base class of static rules. Subclasses set the class attributes and implement ``check``.

    ``check`` runs once per file that passes the cheap filters (``needles``, ``languages``, derived
    from the ``facts`` the rule reads unless the rule sets them itself);
    ``finish`` runs once after every file, for repository-wide rules. A rule instance lives for
    one run, so it may keep state between the two. A :class:`ParseError` out of ``check`` (code
    that cannot be parsed, or nests too deeply) becomes one notice for the file: rules let it pass.
    """

    slug: ClassVar[str]
    checklist: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    why: ClassVar[str]
    example: ClassVar[str]
    fix: ClassVar[str]
    # The facts of a file the rule reads (golive_ci.facts): unless the class sets ``needles`` or
    # ``languages`` itself, they are those of its facts (a file none of them says anything about is skipped).
    facts: ClassVar[tuple[Fact[Any], ...]] = ()
    # The file is skipped unless it contains one of these byte strings (empty: every file).
    needles: ClassVar[tuple[bytes, ...]] = ()
    # Only files of these languages (see sourcefile.LANGUAGE_BY_SUFFIX); None: every text file.
    languages: ClassVar[frozenset[str] | None] = None
    # Judges Stripe code: skips files that do not use Stripe (SourceFile.uses_stripe) before parsing them.
    stripe_only: ClassVar[bool] = False
    # Rules bound to languages judge code a developer writes: they skip files a tool generated
    # (SourceFile.is_generated), which nobody edits by hand. Rules that read every file (keys) do not.
    reads_generated: ClassVar[bool] = False
    # Judges application code: skips test code (SourceFile.is_test), where fakes and fixtures are the point.
    skips_tests: ClassVar[bool] = False
    # May run on line-aligned chunks of files too large to read whole.
    streamable: ClassVar[bool] = False
    # Also runs on binary files (a NUL byte), over their bytes: a key must not hide in one.
    reads_binary: ClassVar[bool] = False

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        declared = vars(cls)
        if declared.get("facts"):
            if "needles" not in declared:
                cls.needles = needles_of(cls.facts)
            if "languages" not in declared:
                cls.languages = languages_of(cls.facts)

    def __init__(self, context: RuleContext) -> None:
        self.context = context
        self.options: dict[str, Any] = context.config.rule_options(self.slug)

    @classmethod
    def info(cls) -> RuleInfo:
        return RuleInfo(cls.slug, cls.summary, cls.why, cls.example, cls.fix, cls.checklist, cls.severity)

    def wants(self, source: SourceFile) -> bool:
        if self.languages is not None:
            if source.language not in self.languages:
                return False
            if source.is_generated and not self.reads_generated:
                return False
        if self.skips_tests and source.is_test:
            return False
        if self.needles and not source.contains(*self.needles):
            return False
        return not self.stripe_only or source.uses_stripe

    def check(self, source: SourceFile) -> Iterable[Finding]:
        return ()

    def finish(self) -> Iterable[Finding]:
        return ()

    def finding(
        self,
        source: SourceFile | str,
        line: int,
        column: int,
        message: str,
        *,
        severity: Severity | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
        identity: str = "",
        details: dict[str, object] | None = None,
    ) -> Finding:
        """Build a finding of this rule. ``identity`` feeds the fingerprint (pass a hash, not a secret)."""
        path = source if isinstance(source, str) else source.path
        if type(self).finish is not Rule.finish and not isinstance(source, str):
            # ``finish`` may yield this finding: keep its lines, so its fingerprint needs no second read
            remember_lines(self.__dict__.setdefault("fingerprint_lines", {}), source, line, end_line)
        basis = f"{self.slug}\0{path}\0{identity or message}"
        return Finding(
            rule=self.slug,
            severity=severity or self.severity,
            path=path,
            line=line,
            column=column,
            message=message,
            checklist=self.checklist,
            end_line=end_line,
            end_column=end_column,
            fingerprint=hex_digest(basis)[:32],
            details=details or {},
        )

    def finding_at(self, source: SourceFile, offset: int, message: str, **kwargs: Any) -> Finding:
        """A finding at a character offset into ``source.text``."""
        line, column = source.position(offset)
        return self.finding(source, line, column, message, **kwargs)
