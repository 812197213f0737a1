"""The pre-commit hooks of two golive-ci installs on the same five changed files, runs interleaved.

    .venv/bin/python bench/hook_before_after.py --before /tmp/before/.venv/bin --after .venv/bin
    .venv/bin/python bench/hook_before_after.py --before A/bin --after B/bin --also main=/work/main/.venv/bin

Two commits of five PHP files each are written into a temporary git repository: one that never
mentions Stripe (a model, controllers, a migration, a helper) and one of Stripe webhook and
payment code (from tests/fixtures). Every hook of every install runs on each, round-robin
(A B A B …, one warm-up run each), so load from other processes spreads over all of them. The
findings each install prints are compared: a speed change must not change what is found.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Command, golive_counts, time_commands

REPO = Path(__file__).resolve().parent.parent
HOOKS = ("golive-ci-golive", "golive-ci-secret-keys", "golive-ci-api-version")
PLAIN_PHP = {
    "app/Models/Invoice.php": "<?php\nnamespace App\\Models;\n\nuse Illuminate\\Database\\Eloquent\\Model;\n\n"
    "class Invoice extends Model {\n    protected $fillable = ['number', 'customer_id', 'due_at'];\n\n"
    "    public function lines() { return $this->hasMany(InvoiceLine::class); }\n\n"
    "    public function total(): int {\n"
    "        return $this->lines->sum(fn ($line) => $line->amount * $line->quantity);\n"
    "    }\n}\n",
    "app/Http/Controllers/InvoiceController.php": "<?php\nnamespace App\\Http\\Controllers;\n\n"
    "use App\\Models\\Invoice;\nuse Illuminate\\Http\\Request;\n\nclass InvoiceController extends Controller {\n"
    "    public function index(Request $request) {\n        return view('invoices.index', ['invoices' => "
    "Invoice::latest()->paginate(20)]);\n    }\n\n    public function show(Invoice $invoice) {\n"
    "        return view('invoices.show', compact('invoice'));\n    }\n}\n",
    "app/Http/Controllers/ProfileController.php": "<?php\nnamespace App\\Http\\Controllers;\n\n"
    "use Illuminate\\Http\\Request;\n\nclass ProfileController extends Controller {\n"
    "    public function update(Request $request) {\n"
    "        $data = $request->validate(['name' => 'required|max:80']);\n"
    "        $request->user()->update($data);\n        return back()->with('status', 'profile-updated');\n    }\n}\n",
    "database/migrations/2024_01_01_000000_create_invoices_table.php": "<?php\nuse Illuminate\\Database\\Migrations"
    "\\Migration;\nuse Illuminate\\Database\\Schema\\Blueprint;\nuse Illuminate\\Support\\Facades\\Schema;\n\n"
    "return new class extends Migration {\n    public function up(): void {\n"
    "        Schema::create('invoices', function (Blueprint $table) {\n            $table->id();\n"
    "            $table->string('number')->unique();\n            $table->foreignId('customer_id');\n"
    "            $table->timestamp('due_at')->nullable();\n            $table->timestamps();\n        });\n    }\n};\n",
    "app/Support/helpers.php": "<?php\nfunction money(int $cents, string $currency = 'EUR'): string {\n"
    "    return number_format($cents / 100, 2) . ' ' . $currency;\n}\n",
}
STRIPE_PHP = (
    "tests/fixtures/webhooks/laravel_unverified_controller.php",
    "tests/fixtures/webhooks/laravel_verified_controller.php",
    "tests/fixtures/webhooks/plain_php_unverified.php",
    "tests/fixtures/webhooks/dup_laravel_creates.php",
    "tests/fixtures/webhooks/tolerance_cases.php",
)


def write_repo(folder: Path) -> dict[str, list[str]]:
    """The scenario repository; scenario name -> the five files of its commit."""
    for name, text in PLAIN_PHP.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    stripe = []
    for source in STRIPE_PHP:
        target = folder / "app" / "Stripe" / Path(source).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / source, target)
        stripe.append(target.relative_to(folder).as_posix())
    git = ["git", "-c", "user.email=b@example.invalid", "-c", "user.name=b", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=folder, check=True)
    subprocess.run([*git, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "scenario"], cwd=folder, check=True)
    return {"5 PHP files, no Stripe": list(PLAIN_PHP), "5 PHP files using Stripe": stripe}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="bin folder of the install before the change")
    parser.add_argument("--after", type=Path, required=True, help="bin folder of the install after the change")
    parser.add_argument("--also", action="append", default=[], metavar="LABEL=BIN", help="more installs to time")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    args = parser.parse_args(argv)
    installs = {"before": args.before, "after": args.after}
    installs.update(dict(item.split("=", 1) for item in args.also))
    with tempfile.TemporaryDirectory(prefix="golive-hooks-") as temporary:
        folder = Path(temporary)
        scenarios = write_repo(folder)
        commands = [
            Command(f"{scenario} | {hook} | {label}", [str(Path(bin_dir) / hook), *files], "golive-ci", args.runs,
                    golive_counts)
            for scenario, files in scenarios.items()
            for hook in HOOKS
            for label, bin_dir in installs.items()
        ]  # fmt: skip
        timings = {timing.command.label: timing for timing in time_commands(commands, folder)}
    same = True
    for scenario in scenarios:
        print(f"\n{scenario} ({args.runs} runs each, interleaved; median wall ms, min wall, median cpu ms, findings)")
        for hook in HOOKS:
            row = []
            found = set()
            for label in installs:
                timing = timings[f"{scenario} | {hook} | {label}"]
                if timing.error:
                    row.append(f"{label}: {timing.error}")
                    continue
                found.add((timing.findings, tuple(sorted(timing.exit_codes))))
                ms = statistics.median(timing.wall) * 1000
                cpu = statistics.median(timing.cpu) * 1000
                row.append(
                    f"{label} {ms:6.1f} (min {min(timing.wall) * 1000:5.1f}, cpu {cpu:5.1f}, {timing.findings} found)"
                )
            same &= len(found) <= 1
            print(f"  {hook:24} " + " | ".join(row))
    if not same:
        print("\nthe installs found different things: see the counts above", file=sys.stderr)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
