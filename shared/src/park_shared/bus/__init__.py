"""The event-bus port and its adapters (embedded log, Kafka)."""
