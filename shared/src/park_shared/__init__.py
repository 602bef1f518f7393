"""The event-sourcing core every park service stands on."""
