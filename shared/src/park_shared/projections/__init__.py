"""Read models: the store port, a batching view, the runner with checkpoints and rebuild."""
