"""Multivector: a strategy simulation of Central Asia's multi-vector foreign policy."""

from game.kernel_cache import configure_kernel_cache

__version__ = "0.1.0"

configure_kernel_cache()  # before any compiled kernel is defined (see game.kernel_cache)
