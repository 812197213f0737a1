"""Everything golive-ci does on GitHub Actions: the run's context, the checklist comment, the job outputs.

The checklist and its Markdown are built in :mod:`golive_ci.report`; this package publishes them."""
