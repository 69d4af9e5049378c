"""Multivector: a strategy simulation of Central Asia's multi-vector foreign policy."""

__version__ = "0.1.0"
