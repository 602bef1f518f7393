"""The IndustrialCo context (context.py: the aggregates bound once), the use cases that take
more than one command (investors, offerings, projects) and the reactions to others' events."""
