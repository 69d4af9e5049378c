"""Computer players. Each policy maps (world, state, streams) to orders for every run at once."""
