"""Source-file templates for the benchmark tree: plain application code and Stripe integrations.

Placeholders are ``{{name}}`` (no clash with the braces, ``$`` and ``@`` of the languages used);
:func:`fill` replaces them from a dict of names that :func:`pick_names` draws from a seeded RNG.
"""

from __future__ import annotations

import random
import re

NOUNS = (
    "customer", "invoice", "order", "cart", "subscription", "refund", "shipment", "ledger", "payout",
    "coupon", "account", "report", "session", "product", "price", "receipt", "dispute", "balance",
    "plan", "address", "inventory", "discount", "quote", "credit", "checkout", "merchant", "tenant",
)  # fmt: skip
VERBS = (
    "load", "sync", "build", "apply", "compute", "fetch", "validate", "render", "export", "reconcile",
    "schedule", "merge", "archive", "notify", "refresh", "resolve", "collect", "prepare",
)  # fmt: skip
FIELDS = ("status", "currency", "country", "plan_id", "region", "channel", "source", "kind")
API_VERSIONS = ("2025-03-31.basil", "2024-06-20", "2023-10-16", "2022-11-15", "2020-08-27")

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def fill(template: str, names: dict[str, object]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(names[m.group(1)]), template)


def pick_names(rng: random.Random) -> dict[str, object]:
    noun, other, verb = rng.choice(NOUNS), rng.choice(NOUNS), rng.choice(VERBS)
    pascal = noun.capitalize() + other.capitalize()
    return {
        "noun": noun,
        "Noun": noun.capitalize(),
        "other": other,
        "verb": verb,
        "fn": f"{verb}_{noun}_{other}",
        "camel": f"{verb}{noun.capitalize()}{other.capitalize()}",
        "Camel": f"{verb.capitalize()}{noun.capitalize()}{other.capitalize()}",
        "Class": f"{pascal}Service",
        "field": rng.choice(FIELDS),
        "n": rng.randint(2, 9),
        "limit": rng.choice((10, 25, 50, 100, 250)),
        "amount": rng.choice((500, 1200, 2000, 4999, 15000)),
        "version": rng.choice(API_VERSIONS),
    }


# --- plain application code -------------------------------------------------------------------
# Each language: a header, some body blocks (a file is a header plus 3-16 blocks), a footer.

PYTHON = {
    "header": '''"""{{Noun}} {{other}} helpers used by the {{noun}} service."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone

logger = logging.getLogger(__name__)
''',
    "blocks": (
        """

@dataclass
class {{Noun}}{{Camel}}:
    id: str
    amount: int = 0
    currency: str = "usd"
    tags: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def is_large(self) -> bool:
        return self.amount >= {{amount}}
""",
        '''

def {{fn}}(items: list[dict], threshold: int = {{n}}) -> dict[str, int]:
    """Group {{noun}} amounts by {{field}} and keep the groups above ``threshold``."""
    totals: dict[str, int] = {}
    for item in items:
        key = item.get("{{field}}", "unknown")
        totals[key] = totals.get(key, 0) + int(item.get("amount", 0))
    return {key: value for key, value in totals.items() if value >= threshold}
''',
        """

class {{Class}}:
    def __init__(self, repository, limit: int = {{limit}}) -> None:
        self.repository = repository
        self.limit = limit

    def {{verb}}(self, {{noun}}_id: str) -> list[str]:
        try:
            rows = self.repository.find_{{other}}s({{noun}}_id, limit=self.limit)
        except LookupError:
            logger.warning("no {{other}} for {{noun}} %s", {{noun}}_id)
            return []
        return [row["id"] for row in rows if row.get("{{field}}") != "archived"]
""",
    ),
    "footer": "",
}

JAVASCRIPT = {
    "header": """'use strict';

const { EventEmitter } = require('events');
const logger = require('../lib/logger');
""",
    "blocks": (
        """
function {{camel}}(items, threshold = {{n}}) {
  const totals = {};
  for (const item of items) {
    const key = item.{{field}} || 'unknown';
    totals[key] = (totals[key] || 0) + Number(item.amount || 0);
  }
  return Object.entries(totals).filter(([, value]) => value >= threshold);
}
""",
        """
class {{Class}} extends EventEmitter {
  constructor(repository, limit = {{limit}}) {
    super();
    this.repository = repository;
    this.limit = limit;
  }

  async {{verb}}({{noun}}Id) {
    const rows = await this.repository.find{{Noun}}({{noun}}Id, { limit: this.limit });
    this.emit('{{verb}}', rows.length);
    logger.info(`{{verb}} ${rows.length} {{other}} rows`);
    return rows.filter((row) => row.{{field}} !== 'archived').map((row) => row.id);
  }
}
""",
        """
const {{camel}}Defaults = Object.freeze({
  currency: 'usd',
  amount: {{amount}},
  retries: {{n}},
  pageSize: {{limit}},
});
""",
    ),
    "footer": "\nmodule.exports = { EventEmitter };\n",
}

TYPESCRIPT = {
    "header": """import { z } from 'zod';
import type { Logger } from './logger';

export interface {{Noun}}Row {
  id: string;
  amount: number;
  {{field}}: string;
  createdAt: Date;
}
""",
    "blocks": (
        """
export function {{camel}}(rows: {{Noun}}Row[], threshold = {{n}}): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) {
    totals.set(row.{{field}}, (totals.get(row.{{field}}) ?? 0) + row.amount);
  }
  return new Map([...totals].filter(([, value]) => value >= threshold));
}
""",
        """
export class {{Class}} {
  private readonly cache = new Map<string, {{Noun}}Row>();

  constructor(private readonly logger: Logger, private readonly limit: number = {{limit}}) {}

  async {{verb}}(id: string): Promise<{{Noun}}Row | undefined> {
    if (this.cache.has(id)) {
      return this.cache.get(id);
    }
    this.logger.debug(`{{verb}} {{noun}} ${id}`);
    return undefined;
  }
}
""",
        """
export const {{camel}}Schema = z.object({
  id: z.string(),
  amount: z.number().int().min(0).max({{amount}}00),
  {{field}}: z.string().optional(),
});
""",
    ),
    "footer": "",
}

TSX = {
    "header": """import React, { useEffect, useState } from 'react';

type Props = { {{noun}}Id: string; onDone?: () => void };
""",
    "blocks": (
        """
export function {{Camel}}View({ {{noun}}Id, onDone }: Props) {
  const [rows, setRows] = useState<string[]>([]);
  useEffect(() => {
    fetch(`/api/{{noun}}s/${ {{noun}}Id }/{{other}}s?limit={{limit}}`)
      .then((response) => response.json())
      .then((body) => setRows(body.data ?? []));
  }, [{{noun}}Id]);
  return (
    <section className="{{noun}}-{{other}}">
      <h2>{{Noun}} {{other}}s</h2>
      <ul>{rows.map((row) => <li key={row}>{row}</li>)}</ul>
      <button onClick={onDone}>Done</button>
    </section>
  );
}
""",
    ),
    "footer": "",
}

RUBY = {
    "header": """# frozen_string_literal: true

module {{Noun}}s
""",
    "blocks": (
        """
  class {{Class}}
    def initialize(repository, limit: {{limit}})
      @repository = repository
      @limit = limit
    end

    def {{verb}}({{noun}}_id)
      rows = @repository.find_{{other}}s({{noun}}_id, limit: @limit)
      rows.reject { |row| row[:{{field}}] == 'archived' }.map { |row| row[:id] }
    rescue KeyError => e
      Rails.logger.warn("{{verb}} failed for #{ {{noun}}_id }: #{e.message}")
      []
    end
  end
""",
        """
  def self.{{fn}}(items, threshold = {{n}})
    totals = Hash.new(0)
    items.each { |item| totals[item.fetch(:{{field}}, 'unknown')] += item[:amount].to_i }
    totals.select { |_, value| value >= threshold }
  end
""",
    ),
    "footer": "end\n",
}

PHP = {
    "header": """<?php

declare(strict_types=1);

namespace App\\{{Noun}};

use Psr\\Log\\LoggerInterface;
""",
    "blocks": (
        """
final class {{Class}}
{
    public function __construct(private LoggerInterface $logger, private int $limit = {{limit}})
    {
    }

    public function {{camel}}(array $items, int $threshold = {{n}}): array
    {
        $totals = [];
        foreach ($items as $item) {
            $key = $item['{{field}}'] ?? 'unknown';
            $totals[$key] = ($totals[$key] ?? 0) + (int) ($item['amount'] ?? 0);
        }
        $this->logger->info('{{verb}} {{noun}} totals', ['count' => count($totals)]);
        return array_filter($totals, fn (int $value): bool => $value >= $threshold);
    }
}
""",
    ),
    "footer": "",
}

GO = {
    "header": """package {{noun}}

import (
\t"context"
\t"errors"
\t"log"
)

var ErrNot{{Noun}} = errors.New("{{noun}} not found")
""",
    "blocks": (
        """
type {{Camel}} struct {
\tID       string
\tAmount   int64
\tCurrency string
\tLimit    int
}

func (s *{{Camel}}) {{Camel}}Run(ctx context.Context, items []map[string]int64) (map[string]int64, error) {
\tif len(items) == 0 {
\t\treturn nil, ErrNot{{Noun}}
\t}
\ttotals := make(map[string]int64, len(items))
\tfor i, item := range items {
\t\tif i >= s.Limit && s.Limit > 0 {
\t\t\tbreak
\t\t}
\t\ttotals["{{field}}"] += item["amount"]
\t}
\tlog.Printf("{{verb}} %d {{other}} rows", len(totals))
\treturn totals, ctx.Err()
}
""",
    ),
    "footer": "",
}

JAVA = {
    "header": """package com.acme.{{noun}};

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class {{Class}} {
    private static final Logger LOG = LoggerFactory.getLogger({{Class}}.class);
    private final int limit = {{limit}};
""",
    "blocks": (
        """
    public List<String> {{camel}}(List<Map<String, Object>> rows) {
        List<String> result = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (result.size() >= limit) {
                break;
            }
            if (!"archived".equals(row.get("{{field}}"))) {
                result.add(String.valueOf(row.get("id")));
            }
        }
        LOG.info("{{verb}} {} {{other}} rows", result.size());
        return result;
    }
""",
    ),
    "footer": "}\n",
}

CSHARP = {
    "header": """using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Acme.{{Noun}}
{
    public class {{Class}}
    {
        private readonly ILogger<{{Class}}> _logger;
        private readonly int _limit = {{limit}};

        public {{Class}}(ILogger<{{Class}}> logger)
        {
            _logger = logger;
        }
""",
    "blocks": (
        """
        public IReadOnlyList<string> {{Camel}}(IEnumerable<IDictionary<string, object>> rows)
        {
            var result = rows
                .Where(row => !Equals(row["{{field}}"], "archived"))
                .Take(_limit)
                .Select(row => row["id"].ToString())
                .ToList();
            _logger.LogInformation("{{verb}} {Count} {{other}} rows", result.Count);
            return result;
        }
""",
    ),
    "footer": "    }\n}\n",
}

PLAIN: dict[str, dict] = {
    "python": PYTHON,
    "javascript": JAVASCRIPT,
    "typescript": TYPESCRIPT,
    "tsx": TSX,
    "ruby": RUBY,
    "php": PHP,
    "go": GO,
    "java": JAVA,
    "csharp": CSHARP,
}


def plain_blocks(rng: random.Random, language: str, count: int, first: dict[str, object] | None = None) -> str:
    """``count`` body blocks (functions, classes or members) without the file's header and footer."""
    template = PLAIN[language]
    parts = []
    for _ in range(count):
        names = pick_names(rng)
        if first is not None and language in ("java", "csharp"):
            names.update({key: first[key] for key in ("noun", "Noun", "Class")})
        parts.append(fill(rng.choice(template["blocks"]), names))
    return "".join(parts)


def plain_module(rng: random.Random, language: str, blocks: int) -> str:
    template = PLAIN[language]
    first = pick_names(rng)
    body = plain_blocks(rng, language, blocks, first)
    return fill(template["header"], first) + body + fill(template["footer"], first)
