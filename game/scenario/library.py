"""Where the shipped scenarios live, and how a scenario name on the command line is found."""

from __future__ import annotations

from pathlib import Path

SCENARIOS_DIR = Path(__file__).resolve().parent.parent.parent / "scenarios"


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file, sorted by name."""
    return sorted(path for path in SCENARIOS_DIR.glob("*.yaml") if path.name != "actions.yaml")


def resolve_scenario(name: str) -> Path:
    """A path as given if it exists, else a shipped scenario by id (``sandbox``)."""
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml"):
        return path
    return SCENARIOS_DIR / f"{name}.yaml"


def portable_path(path: Path) -> str:
    """How a save names its scenario: shipped scenarios by file name, others by absolute path."""
    resolved = path.resolve()
    if resolved.parent == SCENARIOS_DIR:
        return resolved.name
    return str(resolved)


def resolve_saved_path(text: str) -> Path:
    """Find the scenario a save names (see :func:`portable_path`)."""
    shipped = SCENARIOS_DIR / text
    if "/" not in text and shipped.exists():
        return shipped
    return Path(text)
