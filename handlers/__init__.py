"""Slack listeners: thin handlers that ack, call the domain, and answer."""
