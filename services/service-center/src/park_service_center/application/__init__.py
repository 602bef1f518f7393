"""The application: the one context (context.ServiceCenter), the reactions to other services'
events, and the use cases and schedulers that take the context."""
