"""What keeps the served app safe on the wire: the trusted proxy, security headers, no-store."""
