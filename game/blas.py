"""One thread for numpy's BLAS: the program's matrix products are small, and threads cost more.

The computer players multiply small matrices (a few hundred rows in the hard player's
rollouts) many times a turn. OpenBLAS's threads then spend more time waking and waiting
than computing — measured on 2 cores with the other core busy: a hard decision took
0.43 s with two threads and 0.17 s with one — and batch workers already fill the cores.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import numpy as np


def single_threaded_blas() -> None:
    """Ask numpy's bundled OpenBLAS for one thread (nothing happens where numpy uses another BLAS)."""
    libraries = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for path in libraries.glob("*openblas*"):
        library = ctypes.CDLL(str(path))
        for name in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return
