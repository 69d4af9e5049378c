"""The pure simulation engine: numpy arrays with a leading runs axis, no I/O, no pygame."""

# Raised whenever the same orders stop giving bit-identical states (saves replay their orders).
# 2: the noise's normal draws are computed from + − × ÷ √ alone (was numpy's log, libm's sin/cos).
# 3: per-channel inertia, drift and noise, infrastructure gating of rigid channels, structural trends, lasting
#    causes that move a run's targets, noise exchanged without direction (issue 13).
ENGINE_VERSION = "3"
