"""User interface: the pygame map and panels (pygame is imported only by the modules that draw)."""
