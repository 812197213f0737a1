"""live-objects: every object the code references exists and is active in live mode."""

from __future__ import annotations

from typing import Any

from golive_ci.account.checks.base import AccountCheck, CheckContext, plural, worst
from golive_ci.account.model import CheckResult, Status

KEEPS_ID = frozenset({"product", "plan", "coupon"})


def recreate_advice(kind: str, object_id: str) -> str:
    label = kind.replace("_", " ")
    if kind in KEEPS_ID:
        return f"recreate {label} {object_id} in live mode with the same ID (the API takes `id` on create)"
    if kind == "price":
        return "recreate the price in live mode (it gets a new ID) and give it a lookup_key the code looks up"
    return f"recreate the {label} in live mode (it gets a new ID) and configure that ID per environment"


class LiveObjects(AccountCheck):
    slug = "live-objects"
    checklist = "test-objects"
    summary = "Every object ID and price lookup key the code references exists in live mode and is active."
    why = """
Test-mode objects do not exist in live mode. A hard-coded `price_…` created in test mode makes
checkout fail in production with "No such price … a similar object exists in test mode". An
archived price or product, or a coupon that is no longer valid, fails the same way.
"""
    example = """
```
live-objects: 2 of 14 referenced objects are not usable in live mode:
  price price_1Mo… exists only in test mode; coupon SUMMER21 does not exist in live mode
```
"""
    fix = """
Recreate the objects in live mode. Products, plans and coupons can keep the same ID (pass `id` when
creating them). Prices, promotion codes, tax rates and shipping rates always get new IDs: give live
prices the `lookup_key` the code uses and fetch them with `Price.list(lookup_keys=[…])`, or read the
IDs from per-environment configuration. Free-form coupon and plan IDs are listed in
`[tool.golive-ci.rules.test-object-id] coupons = […]`, `plans = […]`.
"""

    def run(self, context: CheckContext) -> CheckResult:
        references = context.code.references
        if not references.ok:
            assert references.failure is not None
            return self.unverified(references.failure, "could not collect the object IDs the code references")
        ids: dict[str, dict[str, Any]] = context.code.object_ids()
        lookup_keys = context.code.lookup_keys()
        if not ids and not lookup_keys:
            return self.result("pass", "the code references no Stripe object IDs or price lookup keys")
        statuses: list[Status] = []
        problems: list[str] = []
        evidence: list[str] = []
        fixes: list[str] = []
        unverified: list[str] = []
        not_checked: dict[str, list[str]] = {}  # reason -> references (one line per reason, not per ID)
        for object_id, reference in sorted(ids.items()):
            kind = str(reference.get("kind", "object"))
            label = kind.replace("_", " ")
            where = ", ".join(reference.get("locations", [])[:3])
            fact = context.facts.object_fact(object_id)
            if fact.failure is not None and fact.failure.kind == "not-checked":
                statuses.append("could-not-verify")
                not_checked.setdefault(fact.failure.reason, []).append(object_id)
                continue
            if not fact.ok:
                assert fact.failure is not None
                statuses.append("could-not-verify")
                unverified.append(f"{label} {object_id}: {fact.failure.reason}")
                continue
            state = fact.value.get("state")
            if state == "live" and fact.value.get("active"):
                evidence.append(f"live and active: {label} {object_id}")
                continue
            statuses.append("fail")
            if state == "live":
                inactive = "not valid" if kind == "coupon" else "inactive (archived)"
                problems.append(f"{label} {object_id} is {inactive} in live mode")
                evidence.append(f"{label} {object_id} ({where}) is {inactive} in live mode")
                fixes.append(f"reactivate {label} {object_id} in live mode or stop referencing it")
            else:
                where_state = "exists only in test mode" if state == "test-only" else "does not exist in live mode"
                problems.append(f"{label} {object_id} {where_state}")
                evidence.append(f"{label} {object_id} ({where}) {where_state}")
                fixes.append(recreate_advice(kind, object_id))
        for key, places in sorted(lookup_keys.items()):
            fact = context.facts.lookup_key_fact(key)
            if fact.failure is not None and fact.failure.kind == "not-checked":
                statuses.append("could-not-verify")
                not_checked.setdefault(fact.failure.reason, []).append(f"lookup key {key!r}")
                continue
            if not fact.ok:
                assert fact.failure is not None
                statuses.append("could-not-verify")
                unverified.append(f"lookup key {key!r}: {fact.failure.reason}")
            elif fact.value.get("price") is None:
                statuses.append("fail")
                problems.append(f"no live price has lookup key {key!r}")
                evidence.append(f"lookup key {key!r} ({', '.join(places[:3])}) is on no live price")
                fixes.append(f"create the live price with lookup_key {key!r} (or transfer_lookup_key to it)")
            elif not fact.value.get("active"):
                statuses.append("fail")
                problems.append(f"the live price with lookup key {key!r} is inactive")
                fixes.append(f"activate live price {fact.value.get('price')} or move the lookup key to an active price")
            else:
                evidence.append(f"live and active: lookup key {key!r} ({fact.value.get('price')})")
        skipped = [
            f"{plural(len(refs), 'reference')} {reason.removeprefix('not checked: ')} (first: {refs[0]})"
            for reason, refs in not_checked.items()
        ]
        skipped_count = sum(len(refs) for refs in not_checked.values())
        evidence = [f"not checked: {s}" for s in skipped] + [f"not verified: {u}" for u in unverified] + evidence
        total = len(ids) + len(lookup_keys)
        status = worst(statuses)
        reasons = "; ".join(reason.removeprefix("not checked: ") for reason in not_checked)
        unchecked = f"{skipped_count} of {total} references not checked ({reasons})" if skipped_count else ""
        if status == "fail":
            message = f"{len(problems)} of {total} referenced objects are not usable in live mode: " + "; ".join(
                problems[:5]
            )
            if len(problems) > 5:
                message += f"; and {len(problems) - 5} more"
            if unchecked:
                message += f" ({unchecked})"
            return self.result("fail", message, evidence, "; ".join(dict.fromkeys(fixes)))
        if status == "could-not-verify":
            parts = [unchecked] if unchecked else []
            if unverified:
                parts.append(
                    f"{plural(len(unverified), 'reference')} of {total} could not be checked: "
                    + "; ".join(unverified[:3])
                )
            return self.result("could-not-verify", "; ".join(parts), evidence)
        return self.result(
            "pass", f"all {total} referenced objects and lookup keys exist and are active in live mode", evidence
        )
