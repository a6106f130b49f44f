"""The catalog layer: plans, prices, claims and their sources, read and validated from YAML."""
