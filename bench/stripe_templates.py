"""Stripe integration code for the benchmark tree, in the shapes real repositories have.

Each language has client set-ups (with and without a pinned API version), webhook handlers (with
and without signature verification) and payment calls (with and without idempotency keys and
error handling), so that every static rule has both clean and flagged code to look at. No key
is written here: code reads keys from the environment; planted keys come from generate_tree.py.
"""

from __future__ import annotations

import random

from code_templates import fill, pick_names

PYTHON = {
    "init": (
        """import os

import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
stripe.api_version = "{{version}}"
""",
        """import os

import stripe

stripe.api_key = os.environ.get("STRIPE_SECRET_KEY")
""",
        """import os

from stripe import StripeClient

client = StripeClient(os.environ["STRIPE_SECRET_KEY"], stripe_version="{{version}}")
""",
    ),
    "webhook": (
        """

def handle_webhook(request):
    payload = request.get_data()
    signature = request.headers.get("Stripe-Signature")
    try:
        event = stripe.Webhook.construct_event(payload, signature, os.environ["STRIPE_WEBHOOK_SECRET"])
    except (ValueError, stripe.error.SignatureVerificationError):
        return "", 400
    if event["type"] == "payment_intent.succeeded":
        mark_{{noun}}_paid(event["data"]["object"]["id"])
    return "", 200
""",
        """

def handle_webhook(request):
    event = json.loads(request.data)
    print("stripe event", event)
    if event["type"] == "checkout.session.completed":
        mark_{{noun}}_paid(event["data"]["object"]["id"])
    return "", 200
""",
    ),
    "payment": (
        """

def charge_{{noun}}({{noun}}, amount: int = {{amount}}):
    try:
        return stripe.PaymentIntent.create(
            amount=amount,
            currency="usd",
            customer={{noun}}.stripe_customer_id,
            idempotency_key=f"{{noun}}-{ {{noun}}.id }-charge",
        )
    except stripe.error.CardError as exc:
        logger.info("card declined for %s: %s", {{noun}}.id, exc.user_message)
        raise
""",
        """

def refund_{{noun}}(payment_intent_id: str):
    return stripe.Refund.create(payment_intent=payment_intent_id, amount={{amount}})
""",
    ),
    "prefix": "import json\nimport logging\n\nlogger = logging.getLogger(__name__)\n",
}

JAVASCRIPT = {
    "init": (
        """const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY, { apiVersion: '{{version}}' });
""",
        """const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);
""",
        """const Stripe = require('stripe');
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '{{version}}', maxNetworkRetries: 2 });
""",
    ),
    "webhook": (
        """
router.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  let event;
  try {
    const signature = req.headers['stripe-signature'];
    event = stripe.webhooks.constructEvent(req.body, signature, process.env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    return res.status(400).send(`Webhook Error: ${err.message}`);
  }
  if (event.type === 'payment_intent.succeeded') {
    markPaid(event.data.object.id);
  }
  res.json({ received: true });
});
""",
        """
router.post('/webhooks/stripe', express.json(), (req, res) => {
  const event = req.body;
  console.log('stripe event', JSON.stringify(event));
  if (event.type === 'invoice.paid') {
    markPaid(event.data.object.id);
  }
  res.sendStatus(200);
});
""",
    ),
    "payment": (
        """
async function charge{{Noun}}({{noun}}, amount = {{amount}}) {
  try {
    return await stripe.paymentIntents.create(
      { amount, currency: 'usd', customer: {{noun}}.stripeCustomerId },
      { idempotencyKey: `{{noun}}-${ {{noun}}.id }-charge` },
    );
  } catch (err) {
    if (err.type === 'StripeCardError') {
      return { declined: true, message: err.message };
    }
    throw err;
  }
}
""",
        """
async function refund{{Noun}}(paymentIntentId) {
  return stripe.refunds.create({ payment_intent: paymentIntentId, amount: {{amount}} });
}
""",
    ),
    "prefix": "const express = require('express');\n\nconst router = express.Router();\n",
}

RUBY = {
    "init": (
        """require 'stripe'

Stripe.api_key = ENV.fetch('STRIPE_SECRET_KEY')
Stripe.api_version = '{{version}}'
""",
        """require 'stripe'

Stripe.api_key = ENV['STRIPE_SECRET_KEY']
""",
    ),
    "webhook": (
        """
class StripeWebhooksController < ApplicationController
  def create
    signature = request.env['HTTP_STRIPE_SIGNATURE']
    event = Stripe::Webhook.construct_event(request.body.read, signature, ENV['STRIPE_WEBHOOK_SECRET'])
    {{Noun}}.mark_paid(event.data.object.id) if event.type == 'payment_intent.succeeded'
    head :ok
  rescue JSON::ParserError, Stripe::SignatureVerificationError
    head :bad_request
  end
end
""",
        """
class StripeWebhooksController < ApplicationController
  def create
    event = JSON.parse(request.body.read)
    Rails.logger.info("stripe event #{event}")
    {{Noun}}.mark_paid(event['data']['object']['id']) if event['type'] == 'invoice.paid'
    head :ok
  end
end
""",
    ),
    "payment": (
        """
def charge_{{noun}}({{noun}}, amount = {{amount}})
  Stripe::PaymentIntent.create({ amount: amount, currency: 'usd', customer: {{noun}}.stripe_customer_id },
                               { idempotency_key: "{{noun}}-#{ {{noun}}.id }" })
rescue Stripe::CardError => e
  Rails.logger.info("declined: #{e.message}")
  nil
end
""",
    ),
    "prefix": "",
}

PHP = {
    "init": (
        """$stripe = new \\Stripe\\StripeClient([
    'api_key' => getenv('STRIPE_SECRET_KEY'),
    'stripe_version' => '{{version}}',
]);
""",
        """\\Stripe\\Stripe::setApiKey(getenv('STRIPE_SECRET_KEY'));
$stripe = new \\Stripe\\StripeClient(getenv('STRIPE_SECRET_KEY'));
""",
    ),
    "webhook": (
        """
function handleWebhook(string $payload, string $sigHeader): int
{
    try {
        $event = \\Stripe\\Webhook::constructEvent($payload, $sigHeader, getenv('STRIPE_WEBHOOK_SECRET'));
    } catch (\\UnexpectedValueException | \\Stripe\\Exception\\SignatureVerificationException $e) {
        return 400;
    }
    if ($event->type === 'payment_intent.succeeded') {
        markPaid($event->data->object->id);
    }
    return 200;
}
""",
        """
function handleWebhook(string $payload): int
{
    $event = json_decode($payload, true);
    error_log('stripe event ' . $payload);
    if ($event['type'] === 'invoice.paid') {
        markPaid($event['data']['object']['id']);
    }
    return 200;
}
""",
    ),
    "payment": (
        """
function charge{{Noun}}($stripe, array ${{noun}}, int $amount = {{amount}})
{
    try {
        return $stripe->paymentIntents->create(
            ['amount' => $amount, 'currency' => 'usd', 'customer' => ${{noun}}['stripe_customer_id']],
            ['idempotency_key' => '{{noun}}-' . ${{noun}}['id']]
        );
    } catch (\\Stripe\\Exception\\CardException $e) {
        return null;
    }
}
""",
    ),
    "prefix": "<?php\n\ndeclare(strict_types=1);\n\n",
}

GO = {
    "init": (
        """func init() {
\tstripe.Key = os.Getenv("STRIPE_SECRET_KEY")
}
""",
    ),
    "webhook": (
        """
func HandleWebhook(w http.ResponseWriter, r *http.Request) {
\tpayload, err := io.ReadAll(r.Body)
\tif err != nil {
\t\tw.WriteHeader(http.StatusServiceUnavailable)
\t\treturn
\t}
\tevent, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), os.Getenv("STRIPE_WEBHOOK_SECRET"))
\tif err != nil {
\t\tw.WriteHeader(http.StatusBadRequest)
\t\treturn
\t}
\tif event.Type == "payment_intent.succeeded" {
\t\tw.WriteHeader(http.StatusOK)
\t}
}
""",
    ),
    "payment": (
        """
func Charge{{Noun}}(customerID string) (*stripe.PaymentIntent, error) {
\tparams := &stripe.PaymentIntentParams{
\t\tAmount:   stripe.Int64({{amount}}),
\t\tCurrency: stripe.String(string(stripe.CurrencyUSD)),
\t\tCustomer: stripe.String(customerID),
\t}
\tparams.SetIdempotencyKey("{{noun}}-" + customerID)
\treturn paymentintent.New(params)
}
""",
    ),
    "prefix": """package payments

import (
\t"io"
\t"net/http"
\t"os"

\t"github.com/stripe/stripe-go/v79"
\t"github.com/stripe/stripe-go/v79/paymentintent"
\t"github.com/stripe/stripe-go/v79/webhook"
)

""",
}

JAVA = {
    "init": (
        """    static {
        Stripe.apiKey = System.getenv("STRIPE_SECRET_KEY");
    }
""",
    ),
    "webhook": (
        """
    public int handleWebhook(String payload, String sigHeader) {
        try {
            Event event = Webhook.constructEvent(payload, sigHeader, System.getenv("STRIPE_WEBHOOK_SECRET"));
            return "payment_intent.succeeded".equals(event.getType()) ? 200 : 204;
        } catch (SignatureVerificationException e) {
            return 400;
        }
    }
""",
    ),
    "payment": (
        """
    public PaymentIntent charge{{Noun}}(String customerId) throws StripeException {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
            .setAmount({{amount}}L)
            .setCurrency("usd")
            .setCustomer(customerId)
            .build();
        return PaymentIntent.create(params);
    }
""",
    ),
    "prefix": """package com.acme.payments;

import com.stripe.Stripe;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCreateParams;

public class {{Noun}}Payments {
""",
    "suffix": "}\n",
}

CSHARP = {
    "init": (
        """        static {{Noun}}Payments()
        {
            StripeConfiguration.ApiKey = Environment.GetEnvironmentVariable("STRIPE_SECRET_KEY");
        }
""",
    ),
    "webhook": (
        """
        public int HandleWebhook(string json, string signature)
        {
            try
            {
                var secret = Environment.GetEnvironmentVariable("STRIPE_WEBHOOK_SECRET");
                var stripeEvent = EventUtility.ConstructEvent(json, signature, secret);
                return stripeEvent.Type == "payment_intent.succeeded" ? 200 : 204;
            }
            catch (StripeException)
            {
                return 400;
            }
        }
""",
    ),
    "payment": (
        """
        public PaymentIntent Charge{{Noun}}(string customerId)
        {
            var options = new PaymentIntentCreateOptions
            {
                Amount = {{amount}},
                Currency = "usd",
                Customer = customerId,
            };
            var service = new PaymentIntentService();
            return service.Create(options, new RequestOptions { IdempotencyKey = "{{noun}}-" + customerId });
        }
""",
    ),
    "prefix": """using System;
using Stripe;

namespace Acme.Payments
{
    public class {{Noun}}Payments
    {
""",
    "suffix": "    }\n}\n",
}

STRIPE: dict[str, dict] = {
    "python": PYTHON,
    "javascript": JAVASCRIPT,
    "typescript": JAVASCRIPT,
    "ruby": RUBY,
    "php": PHP,
    "go": GO,
    "java": JAVA,
    "csharp": CSHARP,
}


def stripe_module(rng: random.Random, language: str, extra: str = "") -> str:
    """A Stripe integration file: set-up, then a webhook handler and/or payment calls, then ``extra``."""
    template = STRIPE[language]
    names = pick_names(rng)
    parts = [fill(template["prefix"], names), fill(rng.choice(template["init"]), names)]
    if rng.random() < 0.6:
        parts.append(fill(rng.choice(template["webhook"]), names))
    for _ in range(rng.randint(1, 3)):
        parts.append(fill(rng.choice(template["payment"]), pick_names(rng) | {"Noun": names["Noun"]}))
    parts.append(extra)
    parts.append(template.get("suffix", ""))
    return "".join(parts)
