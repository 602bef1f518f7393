"""The HTTP edge every service shares: problem details, auth dependencies, health, app factory."""
