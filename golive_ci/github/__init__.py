"""Everything golive-ci does on GitHub Actions: the run's context, the checklist comment, the job outputs."""
