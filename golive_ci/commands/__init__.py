"""Sub-commands of the ``golive-ci`` CLI (registered in ``golive_ci.cli.COMMANDS``)."""
