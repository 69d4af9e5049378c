# Two commands do all the set-up on a fresh machine (see README.md):
#   make play   — create .venv, install, open the game
#   make test   — create .venv, install with test tools, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: play test lint bench

$(BIN)/multivector: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -m game.warm_up
	touch $@

play: $(BIN)/multivector
	$(BIN)/multivector play

test: $(BIN)/multivector
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest
	$(BIN)/ruff check game tests benchmarks tools

lint: $(BIN)/multivector
	$(BIN)/ruff check game tests benchmarks tools
	$(BIN)/mypy

bench: $(BIN)/multivector
	for script in benchmarks/*.py; do $(BIN)/python $$script; done
