"""The pure domain: deciders (commands, events, state, decide, evolve) and policies. No I/O."""
