"""The ``multivector`` command line: one small module per command."""
