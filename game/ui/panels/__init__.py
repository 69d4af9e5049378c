"""The parts of the map screen: each draws from the session and turns input into orders or commands."""
