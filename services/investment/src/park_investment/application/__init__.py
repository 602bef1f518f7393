"""The application context, the use cases beyond one command on one aggregate, and the
reactions to other services' events."""
