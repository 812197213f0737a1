"""Which calls write to a log, the console or a standard stream, in every supported language."""

from __future__ import annotations

import re

from golive_ci.lang import profile
from golive_ci.parsing import lazy_pattern
from golive_ci.syntax import Call

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

LOG_METHODS = frozenset(
    {
        "debug", "info", "information", "warn", "warning", "error", "exception", "critical", "fatal", "trace",
        "verbose", "notice", "alert", "emergency", "log", "msg", "print", "printf", "println", "fatalf",
        "fatalln", "panic", "panicf", "panicln", "infof", "infow", "infoln", "debugf", "debugw", "debugln",
        "warnf", "warnw", "warnln", "warningf", "errorf", "errorw", "errorln", "logattrs", "infocontext",
        "errorcontext", "warncontext", "debugcontext", "loginformation", "logdebug", "logwarning", "logerror",
        "logcritical", "logtrace", "writeline", "write", "dir", "table", "severe", "fine", "finer", "finest",
        "unknown", "silly", "tracef", "tracew",
    }
)  # fmt: skip
# A receiver segment that names a logger: logger, _logger, LOG, app_log, getLogger(), Rails.logger …
_LOGGER_SEGMENT = lazy_pattern(
    r"^[_@$]*+(?:\w*_)?(?:log|logs|logging|structlog|slog|syslog|logrus|zap|zerolog|glog|klog|winston|pino|bunyan"
    r"|console)$|logger$",
    re.IGNORECASE,
)
# Receivers that are the console or a standard stream, with the methods that print.
_STREAM_RECEIVERS = {
    "fmt": frozenset({"print", "printf", "println", "fprint", "fprintf", "fprintln"}),
    "System.out": frozenset({"println", "print", "printf", "format"}),
    "System.err": frozenset({"println", "print", "printf", "format"}),
    "Console": frozenset({"writeline", "write"}),
    "Console.Error": frozenset({"writeline", "write"}),
    "Console.Out": frozenset({"writeline", "write"}),
    "Debug": frozenset({"writeline", "write", "print"}),
    "Trace": frozenset({"writeline", "write", "traceinformation", "traceerror", "tracewarning"}),
    "sys.stdout": frozenset({"write"}),
    "sys.stderr": frozenset({"write"}),
    "process.stdout": frozenset({"write"}),
    "process.stderr": frozenset({"write"}),
    "$stdout": frozenset({"puts", "print", "write", "p"}),
    "$stderr": frozenset({"puts", "print", "write", "p"}),
    "stdout": frozenset({"puts", "print", "write"}),
    "stderr": frozenset({"puts", "print", "write"}),
    "kernel": frozenset({"puts", "p", "print", "pp"}),
}
_SEGMENT_SPLIT = lazy_pattern(r"\?\.|->|::|\.|\\")
_CALL_ARGS = lazy_pattern(r"\A([^(]*+)\(.*\)\n?\Z", re.DOTALL)  # from the first "(": one try, not one per "("
# Keyword arguments that configure the call rather than carry a value.
_CONTROL_KEYWORDS = frozenset({"file", "sep", "end", "flush", "exc_info", "stack_info", "stacklevel"})


def receiver_segments(receiver: str) -> list[str]:
    depth, parts, current = 0, [], []
    for char in receiver:  # drop call arguments: Log::channel('stripe') -> channel
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            current.append(char)
    for segment in _SEGMENT_SPLIT.split("".join(current)):
        if segment:
            parts.append(_CALL_ARGS.sub(r"\1", segment))
    return parts


def is_log_call(call: Call, language: str | None) -> bool:
    """True for logging, console and print calls of the supported languages."""
    name = call.name.lower()
    if not call.receiver:
        found = profile(language)
        return found is not None and call.name in found.bare_print_calls
    receiver = call.receiver.replace("::", ".").replace("->", ".")
    methods = _STREAM_RECEIVERS.get(receiver) or _STREAM_RECEIVERS.get(receiver.lower(), frozenset())
    if name in methods:
        return True
    if receiver == "fmt" or name not in LOG_METHODS:
        return False
    segments = receiver_segments(call.receiver)
    return any(_LOGGER_SEGMENT.search(segment) for segment in segments)


def logged_arguments(call: Call) -> list[Any]:
    """The argument nodes whose values end up in the log line."""
    nodes = [a.node for a in call.args if a.name not in _CONTROL_KEYWORDS]
    if call.receiver == "fmt" and call.name.startswith("Fprint"):
        if not call.args or call.args[0].text not in ("os.Stdout", "os.Stderr"):
            return []
        nodes = nodes[1:]
    return nodes
