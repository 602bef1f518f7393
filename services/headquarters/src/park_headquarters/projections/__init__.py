"""Read models, derived from headquarters' own events only (rebuildable from event one)."""
