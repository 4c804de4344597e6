# One entry point for every task. `make test` is what CI runs (.ci/run).
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: install test lint typecheck pytest demo eval bench format

install:
	$(PIP) install -q -e ".[dev]"

test: install lint typecheck pytest

lint:
	$(PYTHON) -m ruff check src tests benchmarks
	$(PYTHON) -m ruff format --check src tests benchmarks

typecheck:
	$(PYTHON) -m mypy

pytest:
	$(PYTHON) -m pytest -q

format:
	$(PYTHON) -m ruff format src tests benchmarks
	$(PYTHON) -m ruff check --fix src tests benchmarks

demo:
	$(PIP) install -q .
	tacitus code examples/corpus --format table

eval:
	tacitus eval ../shared/eval/plover_gsr_dev.jsonl
	tacitus eval ../shared/eval/ngec_synthetic_docs.jsonl

bench:
	$(PYTHON) benchmarks/bench_throughput.py --stories 300 --repeat 3
