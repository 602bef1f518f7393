"""parkctl: run, watch and drive the park suite from a terminal."""
