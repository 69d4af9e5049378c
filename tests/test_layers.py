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
