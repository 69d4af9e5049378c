"""The pure simulation engine: numpy arrays with a leading runs axis, no I/O, no pygame."""

# Raised whenever the same orders stop giving bit-identical states (saves replay their orders).
# 2: the noise's normal draws are computed from + − × ÷ √ alone (was numpy's log, libm's sin/cos).
ENGINE_VERSION = "2"
