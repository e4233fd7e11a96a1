"""Qt item models: thin adapters over values the core returns."""
