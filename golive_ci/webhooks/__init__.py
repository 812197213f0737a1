"""Shared analysis of Stripe webhook handlers and payment calls, for the webhook and payment rules."""
