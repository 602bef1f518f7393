"""Use cases (load → decide → append through the one generic handler) and reactions."""
