"""golive-ci: Stripe's go-live checklist as code, on every commit and pull request."""

__version__ = "0.1.0"
