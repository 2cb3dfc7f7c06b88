# Two commands: `make run` builds the seed case; `make test` runs the suite.
# Each sets up .venv itself on a machine with only python3.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The seed article, when it sits beside the project: quotes are then located in it.
DOCUMENTS := $(wildcard ../shared/seeds)

.PHONY: run test clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ingest,server,review]'
	touch $(STAMP)

run: $(STAMP)
	$(if $(DOCUMENTS),,@echo "note: ../shared/seeds (the seed article) is not here, so quotes are not located in it")
	$(BIN)/kg build seeds --out exports $(if $(DOCUMENTS),--documents $(DOCUMENTS))
	$(BIN)/kg unresolved --out exports
	$(BIN)/kg html --out exports/graph.html
	$(BIN)/kg export --format jsonld -o exports/kg.jsonld
	$(BIN)/kg export --format graphml -o exports/kg.graphml

test: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .kg
