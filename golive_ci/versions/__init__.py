"""Stripe API-version knowledge, client-initialisation detection, manifests and the version picture."""
