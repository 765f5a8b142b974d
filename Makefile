# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/eventwire run samples/articles.jsonl --db eventwire.db
	$(BIN)/eventwire events --db eventwire.db --format table
	$(BIN)/eventwire dyads --db eventwire.db --limit 15
	@echo
	@echo "To browse these events: make serve  (or $(BIN)/eventwire serve --db eventwire.db)"
	@echo "then open http://127.0.0.1:8000/ in a browser; Ctrl+C stops the server."

serve: $(STAMP)
	$(BIN)/eventwire serve --db eventwire.db

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py --articles 200

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm .pytest_cache .mypy_cache .ruff_cache
