"""The class server: ``multivector class serve CLASS_DIR`` lets teams play a class game from their browsers.

A thin front end over :mod:`game.classroom` (the class folder, its lock, orders checks) and
:mod:`game.play` (expected effects, news): no game rule lives here. Starlette and uvicorn are
imported only by :mod:`game.server.app` and :mod:`game.server.run`, which only ``class serve``
imports, so ``import game`` and ``multivector --help`` never load them.
"""

DEFAULT_HOST = "127.0.0.1"  # `class serve` without --host: this computer only
DEFAULT_PORT = 8000
