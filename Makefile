# Everyday tasks; each uses the project's .venv (make venv creates it).
PY := .venv/bin/python

.PHONY: venv test lint bench
venv:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'
test:
	$(PY) -m pytest
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy
# The benchmark measures an installed (not editable) catcli, as users run it
# (bench/README.md); e.g. make bench BENCH_ARGS="--rounds 10 --json".
bench:
	python3 -m venv .venv-bench && .venv-bench/bin/pip install --quiet . && .venv-bench/bin/python bench/bench.py $(BENCH_ARGS)
