"""Bridges to other tools (detect-secrets)."""
