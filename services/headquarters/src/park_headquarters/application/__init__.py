"""The application context (aggregates bound once), the use cases that span aggregates,
reactions to other services' events, schedulers."""
