"""Data shipped with golive-ci (Stripe versions, test cards)."""
