"""Scenario files at the edge: pydantic models, YAML loading with line numbers, compilation."""
