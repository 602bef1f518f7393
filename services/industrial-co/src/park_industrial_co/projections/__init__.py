"""Read models derived from the events: offerings, subscriptions, the shareholder register,
projects, parcels and the ledger."""
