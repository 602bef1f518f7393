"""Investment attraction (招商): leads on three platforms, duplicates, rewards, listings."""
