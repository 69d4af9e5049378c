"""``python -m game`` does what the ``multivector`` command does."""

from game.cli.main import entry

entry()
