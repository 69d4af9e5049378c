"""Analysis on top of the play layer: tidy pandas tables, lever sweeps and sensitivity indices.

Needs the ``analysis`` extra (``pip install multivector[analysis]``: pandas, pyarrow, SALib);
nothing else in the game imports this package, so the game and its other commands run without it.
"""
