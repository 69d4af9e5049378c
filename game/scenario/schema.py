"""Export JSON Schemas of the scenario file models, for editors (``python -m game.scenario.schema``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from game.scenario.library import SCENARIOS_DIR
from game.scenario.models import ActionCatalogue, Baseline, ObservedFigures, Scenario

SCHEMAS: dict[str, type[BaseModel]] = {
    "scenario.schema.json": Scenario,
    "actions.schema.json": ActionCatalogue,
    "baseline.schema.json": Baseline,
    "observed.schema.json": ObservedFigures,
}


def schema_texts() -> dict[str, str]:
    """File name → JSON Schema text, exactly as it is stored in ``scenarios/schema``."""
    texts = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        texts[name] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return texts


def write_schemas(folder: Path = SCENARIOS_DIR / "schema") -> list[Path]:
    """Write every schema file; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_schemas():
        sys.stdout.write(f"wrote {written}\n")
