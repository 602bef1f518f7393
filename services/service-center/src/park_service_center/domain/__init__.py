"""Pure deciders: commands, events, state, decide, evolve. No I/O, no clock."""
