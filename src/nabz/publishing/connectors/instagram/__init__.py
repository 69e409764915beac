"""Instagram professional accounts through Meta's Graph API with Facebook Login
(connector.py, auth.py)."""
