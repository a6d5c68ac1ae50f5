# Two entry points (see README): `make run` and `make test`. Both build .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench fuzz clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	rm -f hadath.db
	$(BIN)/hadath ingest examples/ --db hadath.db
	$(BIN)/hadath stats --db hadath.db

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/hadath bench

fuzz: $(STAMP)
	$(BIN)/pip install -q -e '.[fuzz]' || echo "atheris did not install: fuzz/run.py falls back to hypothesis"
	$(BIN)/python fuzz/run.py $(if $(FUZZ_SECONDS),--seconds $(FUZZ_SECONDS))

clean:
	rm -rf $(VENV) hadath.db build src/*.egg-info
