"""Compiled loops for the engine's hottest paths (numba), one row (run) at a time.

Why: a batch turn of 10,000 runs spent its time in a hundred short numpy passes over
``(runs, variables)`` arrays, each one a trip through memory; looping over runs in
compiled code does the same arithmetic once per run while the run's numbers sit in cache.
A loop over runs also makes run i's arithmetic independent of how many runs are
advanced together, so run i of a batch equals single game i exactly.

Kernels are plain functions of numpy arrays (no pygame, no I/O of their own); numba
keeps their machine code in a cache folder chosen by ``game.kernel_cache`` (one per
version of the code), so only the first start after an install or a change pays for
compiling. No ``fastmath``: the kernels must round exactly as numpy does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numba

from game.kernel_cache import configure_kernel_cache, skip_blas_check

Function = TypeVar("Function", bound=Callable[..., Any])


# Before any kernel is defined: numba reads its cache folder when a cached function is decorated.
_CACHED = configure_kernel_cache() is not None
skip_blas_check()  # before numba loads its numpy functions: they would import scipy.linalg


def compiled(function: Function) -> Function:
    """Compile ``function`` with numba: cached on disk (when possible), no GIL, numpy's division rules
    (x/0 is inf, not an error)."""
    return numba.njit(cache=_CACHED, nogil=True, error_model="numpy")(function)  # type: ignore[return-value]


def compiled_inline(function: Function) -> Function:
    """``compiled``, and copied into every compiled caller (numba's ``inline="always"``): for the small
    helpers kernels call per run, order or slot, where a call would cost more than the helper (its
    arguments passed, its arrays' reference counts kept). Called from Python it runs as ``compiled``."""
    return numba.njit(cache=_CACHED, nogil=True, error_model="numpy", inline="always")(  # type: ignore[return-value]
        function
    )
