"""Must-find recall: stripe-python's async methods (`Refund.create_async`) under an `import stripe as X` alias."""

from __future__ import annotations

from tests.rules.test_idempotency_key_precision import check

SERVICE = """import stripe as stripe_lib


class StripeService:
    async def create_refund(self, charge_id: str, amount: int) -> stripe_lib.Refund:
        return await stripe_lib.Refund.create_async(charge=charge_id, amount=amount)

    async def create_payout(self, account: str, amount: int) -> stripe_lib.Payout:
        return await stripe_lib.Payout.create_async(stripe_account=account, amount=amount, currency="usd")
"""


def test_async_creates_under_an_import_alias_need_a_key() -> None:
    findings = check("billing/service.py", SERVICE)
    assert sorted(f.line for f in findings) == [6, 9]
    assert all("moves money without an idempotency key" in f.message for f in findings)
    assert "stripe_lib.Refund.create_async" in findings[0].message


def test_async_create_with_a_key_is_fine() -> None:
    text = SERVICE.replace("amount=amount)", "amount=amount, idempotency_key=f'refund-{charge_id}')")
    assert [f.line for f in check("billing/service.py", text)] == [9]


def test_an_alias_of_another_module_is_not_stripe() -> None:
    text = "import payments as stripe_lib\n\nstripe_lib.Refund.create_async(charge=c, amount=1)\n"
    assert check("billing/other.py", text) == []
