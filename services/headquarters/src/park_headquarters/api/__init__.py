"""HTTP: one router per resource; request and response schemas by role."""
