"""Demo data for local use: the tenants that ``make run`` serves."""
