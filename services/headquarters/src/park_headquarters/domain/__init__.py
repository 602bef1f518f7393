"""Pure deciders: one aggregate per module, no I/O, no clock (time and ids come on commands)."""
