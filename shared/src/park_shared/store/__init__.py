"""The event-store port and its adapters (SQLite, MongoDB)."""
