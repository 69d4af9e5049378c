"""The architecture holds: the engine is pure, schemas are in sync, shipped scenarios validate."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.library import shipped_scenarios
from game.scenario.load import load_scenario
from game.scenario.schema import SCHEMAS, schema_texts

REPO = Path(__file__).parent.parent
ENGINE = REPO / "game" / "engine"


def test_engine_imports_without_pygame_pydantic_or_yaml() -> None:
    """`game.engine` imports only numpy and the standard library."""
    code = (
        "import sys\n"
        "for name in ('pygame', 'pygame_gui', 'pydantic', 'yaml', 'matplotlib', 'rich'):\n"
        "    sys.modules[name] = None\n"
        "import game.engine.game, game.engine.explain, game.engine.ai.policy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_engine_never_prints_or_opens_files() -> None:
    """No print(), open(), or global random in the engine's source."""
    offenders = []
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("print", "open"):
                offenders.append(f"{path.name}:{node.lineno} {node.func.id}()")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = getattr(node, "module", None) or ""
                if "random" in names or module == "random":
                    offenders.append(f"{path.name}:{node.lineno} imports random")
    assert offenders == []


def test_json_schemas_are_in_sync_with_the_models() -> None:
    """scenarios/schema/*.json are exported from the models (python -m game.scenario.schema)."""
    stored = {name: (REPO / "scenarios" / "schema" / name).read_text() for name in SCHEMAS}
    assert stored == schema_texts(), "run: python -m game.scenario.schema"


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_shipped_scenario_is_valid(path: Path) -> None:
    load_scenario(path)


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, relative imports resolved against its package."""
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def test_the_engine_core_does_not_import_the_computer_players() -> None:
    """Computer players are given to the engine (``Game.new(..., policy=...)``), never imported by it:
    no module of game/engine outside ai/ imports from game.engine.ai."""
    offenders = [
        f"{path.relative_to(REPO)}:{line} imports {module}"
        for path in sorted(ENGINE.rglob("*.py"))
        if "ai" not in path.relative_to(ENGINE).parts[:-1]
        for line, module in _imported_modules(path)
        if module == "game.engine.ai" or module.startswith("game.engine.ai.")
    ]
    assert offenders == []


FRONT_ENDS = ("cli", "classroom", "ui", "server")
ASSEMBLY = {"compile_world", "load_scenario", "restore_game"}  # plus Game.new
# validate checks scenario files and plays nothing: loading (and checking) a file is all it does.
ALLOWED = {("game/cli/validate.py", "load_scenario")}


def test_front_ends_leave_making_a_game_to_the_play_layer() -> None:
    """game/cli, game/classroom and game/ui never load, compile, create or restore a game themselves:
    they ask game.play (ScenarioSetup, Match, Session, play_batch)."""
    offenders = []
    for folder in FRONT_ENDS:
        for path in sorted((REPO / "game" / folder).rglob("*.py")):
            name = str(path.relative_to(REPO))
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Attribute) and node.attr == "new" and getattr(node.value, "id", "") == "Game":
                    offenders.append(f"{name}:{node.lineno} Game.new")
                used = getattr(node, "id", None) or getattr(node, "attr", None)
                if isinstance(node, ast.alias):
                    used = node.name
                if used in ASSEMBLY and (name, used) not in ALLOWED:
                    offenders.append(f"{name}:{getattr(node, 'lineno', '?')} {used}")
    assert offenders == []


# The packages of game/, lowest first: each may import only the ones before it (and the
# single modules beside them: shipped, memory, kernel_cache). The front ends come last.
LAYER_ORDER = ("engine", "i18n", "scenario", "io", "play", "classroom", "report", "analysis", "ui", "server", "cli")
SINGLE_MODULES = ("shipped", "memory", "kernel_cache", "warm_up", "__main__", "api")


def test_packages_import_only_the_layers_below_them() -> None:
    """engine ← scenario ← io ← play ← classroom ← report ← ui, cli: no package imports one above it."""
    from tests.ui.test_import_graph import GAME, import_edges

    upward = []
    for source, target, line in import_edges(GAME):
        source_layer, target_layer = source.split(".")[1:2], target.split(".")[1:2]
        if not source_layer or not target_layer or source_layer == target_layer:
            continue
        if source_layer[0] in SINGLE_MODULES or target_layer[0] in SINGLE_MODULES:
            continue
        if LAYER_ORDER.index(target_layer[0]) > LAYER_ORDER.index(source_layer[0]):
            upward.append(f"{source} (line {line}) imports {target}")
    assert upward == []
    packages = {path.name for path in GAME.iterdir() if (path / "__init__.py").exists()}
    assert packages == set(LAYER_ORDER), "a new package of game/ needs its place in LAYER_ORDER"
