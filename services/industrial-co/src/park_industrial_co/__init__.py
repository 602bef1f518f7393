"""Market operation (实业总公司): share offerings, infrastructure projects, the ledger."""
