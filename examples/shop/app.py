"""A tiny shop backend with the mistakes golive-ci exists to catch (do not copy this)."""

import logging
import os

import stripe
from flask import Flask, jsonify, request

app = Flask(__name__)
log = logging.getLogger("shop")

# No API version pinned: the account default decides how every response is shaped.
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]


@app.post("/pay")
def pay():
    body = request.get_json()
    log.info("charging card %s", body["card"])  # card details in the logs
    try:
        intent = stripe.PaymentIntent.create(  # no idempotency key: a retry can charge twice
            amount=body["amount"],
            currency="usd",
            payment_method=body["payment_method"],
            confirm=True,
            # The price below exists in test mode only until someone recreates it in live mode.
            metadata={"price": "price_1PshopDemoBasic"},
        )
    except stripe.error.StripeError as exc:  # a declined card looks like a server failure
        return jsonify(error=str(exc)), 500
    return jsonify(id=intent.id)


@app.post("/webhook")
def webhook():
    payload = request.get_data()
    signature = request.headers.get("Stripe-Signature")
    if signature:  # verification skipped whenever the header is missing
        event = stripe.Webhook.construct_event(payload, signature, os.environ["STRIPE_WEBHOOK_SECRET"])
    else:
        event = stripe.Event.construct_from(request.get_json(), stripe.api_key)
    if event.type == "payment_intent.succeeded":
        fulfil(event.data.object)
    return "", 200


def fulfil(intent) -> None:
    log.info("fulfilled %s", intent.id)
