# Two commands do all the set-up on a fresh machine (see README.md):
#   make play     — create .venv, install, open the game
#   make install  — create .venv and install (the game, the analysis and cluster tools), nothing else
#   make test     — create .venv, install, run ruff, mypy and the whole suite
#   make upgrade  — refresh the lock to the newest releases, reinstall, run make test
# Installs take exactly the versions in requirements.txt (hash-checked, every platform's files
# listed), then the project itself without dependencies, so a release of a dependency can only
# reach the suite through `make upgrade`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.txt
# The lock is universal (Linux, macOS, Windows; every Python the project supports).
LOCK_COMMAND := uv pip compile pyproject.toml --extra test --universal --generate-hashes \
	--custom-compile-command "make upgrade" --quiet --output-file $(LOCK)

.PHONY: install play test lint upgrade bench

$(BIN)/multivector: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --requirement $(LOCK)
	# setuptools tells every editable install of a flat layout to beware of same-named folders;
	# ours is the project itself, so the notice is noise to a newcomer.
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet --no-deps \
		--no-build-isolation --editable .
	$(BIN)/python -m game.warm_up
	touch $@

# Install only: the commands are then .venv/bin/multivector (nothing is opened or run).
install: $(BIN)/multivector

play: $(BIN)/multivector
	$(BIN)/multivector play

# Every check runs even when an earlier one failed; any failure fails the target. pytest
# runs last so its summary closes the output.
test: $(BIN)/multivector
	@failed=0; \
	$(BIN)/ruff check game tests benchmarks tools || failed=1; \
	$(BIN)/mypy || failed=1; \
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest || failed=1; \
	exit $$failed

lint: $(BIN)/multivector
	$(BIN)/ruff check game tests benchmarks tools
	$(BIN)/mypy

upgrade: $(BIN)/multivector
	$(BIN)/python -m pip install --quiet --upgrade uv
	$(BIN)/$(LOCK_COMMAND) --upgrade
	$(MAKE) test

bench: $(BIN)/multivector
	for script in benchmarks/*.py; do $(BIN)/python $$script; done

# Translations (docs/translating.md): extract the strings marked _() / ngettext() from the code into
# the template, merge it into every language's catalog, compile the catalogs (the game also
# compiles a .po in memory when no fresh .mo is beside it, so this step is optional for playing).
I18N_DIR := game/i18n/locale
I18N_TEMPLATE := $(I18N_DIR)/multivector.pot
.PHONY: i18n-extract i18n-update i18n-compile

i18n-extract: $(BIN)/multivector
	$(BIN)/pybabel extract --mapping-file babel.cfg --output-file $(I18N_TEMPLATE) --no-location \
		--sort-output --project multivector --copyright-holder "Multivector authors" \
		--msgid-bugs-address "" --keywords ngettext:1,2 .

i18n-update: i18n-extract
	$(BIN)/pybabel update --input-file $(I18N_TEMPLATE) --output-dir $(I18N_DIR) --domain multivector \
		--no-fuzzy-matching --ignore-obsolete

i18n-compile: $(BIN)/multivector
	$(BIN)/pybabel compile --directory $(I18N_DIR) --domain multivector --statistics
