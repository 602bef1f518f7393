"""The HTTP API: one router per resource, schemas by role, role-guarded commands."""
