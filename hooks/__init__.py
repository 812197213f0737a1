"""pre-commit hook entry points, installed as ``golive_ci.hooks`` (see pyproject.toml)."""
