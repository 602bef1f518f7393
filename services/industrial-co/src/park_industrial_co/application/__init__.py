"""Command handlers and reactions to other services' events."""
