"""Handlers (load → decide → append), reactions to other services' events, schedulers."""
