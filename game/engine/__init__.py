"""The pure simulation engine: numpy arrays with a leading runs axis, no I/O, no pygame."""

ENGINE_VERSION = "1"
