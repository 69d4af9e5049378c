"""User interface: the pygame map and panels (pygame is imported only by the modules that draw)."""

import os

# pygame prints its version banner on import unless asked not to; the game's terminal stays quiet.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
