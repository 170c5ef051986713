"""wirewatch: reads wire copy, groups it into stories, alerts Slack only when something is new."""

__version__ = "0.1.0"
