"""Read models with checkpoints."""
