"""The Slack edge: the Bolt app, its HTTP server or Socket Mode, and the runtime around them."""
