"""The golive-ci the benchmark measures: installed from this checkout as users install it.

A wheel install, not the editable one of the dev venv: an editable install adds an import hook
at every interpreter start (about 12 ms), and a dev environment may not write byte-code
(PYTHONDONTWRITEBYTECODE), so modules would be compiled on every run. Users run neither.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def installed_bin(repo: Path, venv: Path) -> tuple[Path | None, str]:
    """The venv's bin folder with golive-ci (re)installed from ``repo``, and what was done; None
    with the reason when it could not be built (then the caller measures the dev venv)."""
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run([*pip, str(repo)], check=True, capture_output=True, timeout=900)
            done = f"created {venv.name}/ and installed golive-ci with its dependencies"
        else:  # dependencies are there: only golive-ci itself, rebuilt from the checkout
            subprocess.run([*pip, "--no-deps", "--force-reinstall", str(repo)], check=True, capture_output=True)
            done = f"reinstalled golive-ci into {venv.name}/ from the checkout"
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        reason = detail.decode(errors="replace").strip().splitlines()[-1:] or [str(exc)]
        return None, f"could not install golive-ci into {venv}: {reason[0]}"
    return python.parent, done
