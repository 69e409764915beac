"""Facebook Pages through Meta's Graph API (connector.py, auth.py; graph.py is shared with
Instagram)."""
