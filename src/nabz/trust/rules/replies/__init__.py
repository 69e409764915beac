"""Reply safety (RPL6xx): public replies and triage of incoming messages."""
