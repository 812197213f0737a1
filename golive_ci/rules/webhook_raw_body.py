"""webhook-raw-body: signature verification fed a parsed or re-serialised body instead of the raw bytes."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks import tree
from golive_ci.webhooks.arguments import (
    PAYLOAD,
    origins,
    verification_argument,
    verification_calls,
)
from golive_ci.webhooks.bypass import one_line
from golive_ci.webhooks.raw_body import express_parsed_body, next_pages_parsed_body, parsed_origin


class WebhookRawBodyRule(Rule):
    slug = "webhook-raw-body"
    checklist = "webhooks"
    severity = Severity.ERROR
    summary = "Webhook signature verification is given a parsed or re-serialised body, not the raw request bytes."
    why = """
The `Stripe-Signature` header signs the exact bytes Stripe sent. Once a framework has parsed the
body into an object, writing it back (`JSON.stringify(req.body)`, `json.dumps(request.json)`,
`params.to_json`, `json_encode($request->all())`, `json.Marshal(event)`,
`objectMapper.writeValueAsString(body)`, `JsonConvert.SerializeObject(model)`) gives other bytes:
key order, spacing, escaping and number formats change. Verification then fails for every genuine
event, Stripe retries for three days and disables the endpoint: nothing is fulfilled in live mode.
Test-mode tools that sign what they send (a hand-written test) can hide it until go-live.

Also reported: `req.body` in an Express app that mounts `express.json()` / `bodyParser.json()` on
the app earlier in the same file, with no raw parser mounted before it and no `verify` hook (a
route-level `express.raw()` registered after it finds the body already consumed); a framework
model or dict parameter (`@RequestBody Map`, `[FromBody] Model`, NestJS `@Body()`, a FastAPI
`payload: dict`); and a Next.js pages API route (`pages/api/…`) that does not switch the body
parser off.

Raw reads are fine and not reported: `await req.text()`, `express.raw()`, `request.data`,
`request.get_data()`, Django's `request.body`, `php://input`, `$request->getContent()`,
`request.body.read`, `request.raw_post`, `io.ReadAll(r.Body)`, `@RequestBody String`.
"""
    example = """
```js
app.post("/webhook", express.json(), (req, res) => {
  const event = stripe.webhooks.constructEvent(
    JSON.stringify(req.body), req.headers["stripe-signature"], endpointSecret);
});
```

```python
event = stripe.Webhook.construct_event(json.dumps(request.json), sig_header, endpoint_secret)
```
"""
    fix = """
Hand the SDK the body exactly as received:

```js
app.post("/webhook", express.raw({ type: "application/json" }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], endpointSecret);
});
```

```python
event = stripe.Webhook.construct_event(request.data, sig_header, endpoint_secret)
```

Next.js pages routes: `export const config = { api: { bodyParser: false } }` and read the stream;
App Router: `await req.text()`. Laravel: `$request->getContent()`. Rails: `request.body.read`.
Spring: `@RequestBody String payload`. ASP.NET: read `Request.Body` with a `StreamReader`.
"""
    facts = (verification_calls,)
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        found = verification_calls(source)
        language = source.language or ""
        next_route = next_pages_parsed_body(source)
        for call in found:
            argument = verification_argument(call, PAYLOAD)
            if argument is None:
                continue
            texts = origins(source, call, argument, parameters=True)
            shown = one_line(argument.text, 60)
            parsed = parsed_origin(language, texts)
            if parsed is not None:
                written = one_line(parsed, 60)
                via = "" if written == shown else f" (built from `{written}`)"
                message = (
                    f"`{call.name}` is given `{shown}`{via}: a parsed or re-serialised body, not the bytes Stripe "
                    "signed, so every live event fails verification; pass the raw request body"
                )
                yield self.finding(source, call.line, call.column, message, identity=f"parsed:{written}")
                continue
            parser = express_parsed_body(source, texts, tree.span(source, call.node)[0])
            if parser is not None:
                message = (
                    f"`{call.name}` is given `{shown}`, but `{one_line(parser, 40)}` earlier in this file parses every "
                    "request body into an object first (a route-level `express.raw` then gets nothing to read): every "
                    "live event fails verification; register the webhook route with `express.raw({ type: "
                    "'application/json' })` before `app.use(express.json())`"
                )
                yield self.finding(source, call.line, call.column, message, identity=f"express:{shown}")
            elif next_route:
                message = (
                    f"`{call.name}` runs in a Next.js pages API route that keeps the default body parser: the raw "
                    "body is gone and every live event fails verification; export "
                    "`config = { api: { bodyParser: false } }` and read the request stream"
                )
                yield self.finding(source, call.line, call.column, message, identity=f"next:{shown}")
