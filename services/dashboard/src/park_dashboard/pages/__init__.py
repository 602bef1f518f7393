"""Server-rendered HTML (the public page) and the static dashboard page's files."""
