"""Where the shipped scenarios live, and how a scenario name on the command line is found."""

from __future__ import annotations

import errno
from pathlib import Path, PurePosixPath, PureWindowsPath

from game.scenario.files import named_folders
from game.shipped import SCENARIOS_DIR

__all__ = [
    "SCENARIOS_DIR",
    "portable_path",
    "reference_escapes",
    "referenced_file",
    "resolve_saved_path",
    "resolve_scenario",
    "shipped_scenarios",
]


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file, sorted by name."""
    return sorted(path for path in SCENARIOS_DIR.glob("*.yaml") if path.name != "actions.yaml")


def resolve_scenario(name: str) -> Path:
    """A path as given if it exists, else a shipped scenario by id (``sandbox``)."""
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml"):
        return path
    return SCENARIOS_DIR / f"{name}.yaml"


def reference_escapes(relative: str) -> bool:
    """True when a scenario's reference is absolute or climbs out of its folder with ``..``:
    a scenario may only name files in its own folder tree (or the shipped ones).

    >>> reference_escapes("baseline/baseline_2023.yaml"), reference_escapes("../x.yaml")
    (False, True)
    >>> reference_escapes("/etc/passwd"), reference_escapes("C:\\\\data\\\\x.yaml")
    (True, True)
    """
    for flavour in (PurePosixPath(relative), PureWindowsPath(relative)):
        if flavour.is_absolute() or flavour.anchor or ".." in flavour.parts:
            return True
    return False


def referenced_file(scenario_path: Path, relative: str) -> Path | None:
    """The file a scenario names (its action catalogue, its baseline): beside the scenario, else the
    shipped file of that name, so a copy of a shipped scenario kept anywhere still finds them;
    None when neither exists, when the name leaves the folder (:func:`reference_escapes`) or
    when a symbolic link leads outside it, unless it leads into a folder the user named
    (:func:`game.scenario.files.named_folders`); OSError for a symbolic-link loop.

    >>> referenced_file(Path("/nowhere/my.yaml"), "baseline/baseline_2023.yaml") == (
    ...     SCENARIOS_DIR / "baseline" / "baseline_2023.yaml").resolve()
    True
    """
    named = named_folders()  # where the user allows references to lead besides the scenario's folder
    if reference_escapes(relative) and not named:
        return None
    for folder in (scenario_path.parent, SCENARIOS_DIR):
        try:
            root = folder.resolve()
            candidate = (folder / relative).resolve()
        except RuntimeError:  # a symbolic-link loop (Python < 3.13 says so this way)
            raise OSError(errno.ELOOP, "a symbolic link that points back to itself") from None
        if any(candidate.is_relative_to(allowed) for allowed in (root, *named)) and candidate.is_file():
            return candidate
    return None


def portable_path(path: Path) -> str:
    """How a save names its scenario: shipped scenarios by file name, others by absolute path."""
    resolved = path.resolve()
    if resolved.parent == SCENARIOS_DIR:
        return resolved.name
    return str(resolved)


def resolve_saved_path(text: str) -> Path:
    """Find the scenario a save names (see :func:`portable_path`).

    Some saves name a shipped scenario by the absolute path it had where they were written
    (``/home/ann/multivector/scenarios/sandbox.yaml``, or a Windows path). When that file is
    gone (the clone moved, or the game now runs from an installed package), the shipped
    scenario of the same name is used; the save's fingerprint still checks it is the same.
    """
    shipped = SCENARIOS_DIR / text
    if "/" not in text and shipped.exists():
        return shipped
    saved = Path(text)
    written_as = PureWindowsPath(text)  # reads both / and \ separators
    shipped = SCENARIOS_DIR / written_as.name
    if not saved.exists() and written_as.parent.name == "scenarios" and shipped.is_file():
        return shipped
    return saved
