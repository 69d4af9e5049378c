"""Multivector: a strategy simulation of Central Asia's multi-vector foreign policy.

Importing the package imports nothing else: ``multivector --help`` and ``validate`` start in a
fraction of a second, and numba, numpy, matplotlib and pygame load only where they are used.
"""

__version__ = "0.1.0"
