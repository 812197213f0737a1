"""Does a verified handler do something that a second delivery of the same event would repeat?

The handler's text and that of the same-file functions it calls are searched for effects that are
not naturally idempotent (creating records, sending mail, queueing jobs, incrementing counters,
Stripe creates) and for any sign of de-duplication (the event id, an idempotency record, an
upsert). This can only point at candidates; the message says so.
"""

from __future__ import annotations

from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls
from golive_ci.webhooks import tree
from golive_ci.webhooks.handlers import Handler

_EFFECTS = lazy_pattern(
    r"\.objects\.create\(|\b[A-Z]\w*\.create!?\(|\b(?:prisma|db|knex|models?)\.\w+\.create\(|\.insert(?:One|Many)?\("
    r"|INSERT\s+INTO|\bsession\.add\(|->create\(|::create\(|\.Create\(|\.AddAsync\(|\.Add\(|\.Insert\("
    r"|send_mail\(|send_email\(|sendEmail\(|sendMail\(|\.deliver_(?:later|now)\b|Mail::to\(|\bmail\(|\.send_message\("
    r"|\b(?=\w*?[Mm]ail)\w++\.[Ss]end\w*\("
    r"|perform_later\(|perform_async\(|\.delay\(|\.enqueue\(|dispatch\(new\b|\+=|\bincrement!?\(|\bincr\("
    r"|\.(?:transfers|refunds|payouts|charges|paymentIntents|payment_intents)\.create\(|stripe\.\w+\.create\("
)
_DEDUPLICATION = lazy_pattern(
    r"(?i)\b(?:stripe_?)?(?:event|evt)(?:\.|\[['\":]|->)\s*id\b|\b(?:stripe_?)?event_?id\b|\bgetId\(\)"
    r"|idempot|dedup|duplicate|already_?(?:processed|handled|seen)|processed_?events?|get_or_create|update_or_create"
    r"|find_or_create|first_or_create|firstOrCreate|updateOrCreate|upsert|on\s+conflict|on\s+duplicate\s+key"
)


def first_effect(source: SourceFile, handler: Handler) -> str | None:
    """The first non-idempotent effect of a handler that shows no de-duplication, else None."""
    if _DEDUPLICATION.search(source.text):
        return None  # the file de-duplicates somewhere: do not guess where
    scope = _handler_scope(source, handler)
    match = _EFFECTS.search(scope)
    if match is None:
        return None
    line_start = scope.rfind("\n", 0, match.start()) + 1
    line_end = scope.find("\n", match.end())
    line = " ".join(scope[line_start : line_end if line_end != -1 else len(scope)].split())
    return line if len(line) <= 70 else line[:69] + "…"


def _handler_scope(source: SourceFile, handler: Handler) -> str:
    """The handler's source plus that of the same-file functions it calls directly."""
    called = {call.name for call in calls(source) if handler.holds(tree.span(source, call.node)[0])}
    parts = [source.data[handler.start : handler.end].decode("utf-8", "replace")]
    for node in tree.functions(source):
        if tree.function_name(source, node) in called:
            start, end = tree.span(source, node)
            if not handler.start <= start < handler.end:
                parts.append(source.data[start:end].decode("utf-8", "replace"))
    return "\n".join(parts)
