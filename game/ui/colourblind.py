"""How far apart two colours look to a viewer with deuteranopia (the commonest colour blindness).

Simulation: Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model for
Simulation of Color Vision Deficiency", IEEE Transactions on Visualization and Computer
Graphics 15(6): the deuteranopia matrix at severity 1.0, applied to linear sRGB.
Distance: CIE76 ΔE, the Euclidean distance in CIELAB (D65 white), after converting
sRGB to XYZ with the sRGB standard's matrix (IEC 61966-2-1).
"""

from __future__ import annotations

import math

Colour = tuple[int, int, int]

# Machado et al. (2009), Table: deuteranomaly, severity 1.0 (deuteranopia); rows give linear R', G', B'.
DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
# Linear sRGB to CIE XYZ, D65 (IEC 61966-2-1).
SRGB_TO_XYZ = (
    (0.4124, 0.3576, 0.1805),
    (0.2126, 0.7152, 0.0722),
    (0.0193, 0.1192, 0.9505),
)
D65_WHITE = (0.95047, 1.0, 1.08883)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _times(matrix: tuple[tuple[float, float, float], ...], v: tuple[float, float, float]) -> tuple[float, float, float]:
    return (
        sum(m * x for m, x in zip(matrix[0], v, strict=True)),
        sum(m * x for m, x in zip(matrix[1], v, strict=True)),
        sum(m * x for m, x in zip(matrix[2], v, strict=True)),
    )


def lab(colour: Colour, deuteranopia: bool = False) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour, as seen with deuteranopia when asked.

    >>> [round(v) for v in lab((255, 255, 255))], [round(v) for v in lab((0, 0, 0))]
    ([100, 0, 0], [0, 0, 0])
    """
    rgb = (_linear(colour[0]), _linear(colour[1]), _linear(colour[2]))
    if deuteranopia:
        rgb = _times(DEUTERANOPIA, rgb)
        rgb = (min(1.0, max(0.0, rgb[0])), min(1.0, max(0.0, rgb[1])), min(1.0, max(0.0, rgb[2])))
    xyz = _times(SRGB_TO_XYZ, rgb)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(xyz[i] / D65_WHITE[i]) for i in range(3))
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(a: Colour, b: Colour, deuteranopia: bool = False) -> float:
    """CIE76 ΔE between two sRGB colours (as seen with deuteranopia when asked).

    >>> round(delta_e((255, 255, 255), (0, 0, 0)))
    100
    """
    return math.dist(lab(a, deuteranopia), lab(b, deuteranopia))
