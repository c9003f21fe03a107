# cleaner: the targets a user, a pipeline and CI call.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FUZZ_SECONDS ?= 300
IN ?= in
OUT ?= out
WORKERS ?= 0
ARGS ?=

.PHONY: install test lint golden clean-text clean-corpus bench bench-quality bench-html bench-batch pin-floors fuzz

$(BIN)/cleaner: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench,batch,ray,datatrove,hf]'
	touch $@

install: $(BIN)/cleaner  ## a virtual environment in .venv with cleaner and its test tools

test: install  ## lint, then every test (golden, rules, properties, CLI)
	$(BIN)/ruff check cleaner tests bench fuzz
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check cleaner tests bench fuzz

golden: install  ## regenerate golden expected outputs; review with git diff golden/
	$(BIN)/python -m tests.golden_tool regenerate

clean-text: install  ## the pipeline step: make clean-text IN=raw/ OUT=clean/
	$(BIN)/cleaner $(IN) -o $(OUT)

clean-corpus: install  ## a corpus step: make clean-corpus IN=shards/ OUT=clean/ [WORKERS=n] [ARGS=--resume]
	$(BIN)/cleaner batch $(IN) -o $(OUT) --workers $(WORKERS) $(ARGS)

bench: install  ## throughput next to ftfy.fix_text, measured in the same run
	$(BIN)/python bench/speed.py

bench-html: install  ## HTML mode: our time per page against trafilatura alone, same pages, same rounds
	$(BIN)/python bench/html_speed.py

bench-batch: install  ## cleaner batch on a generated 200 MB corpus at 1 and 2 workers, with memory
	$(BIN)/python bench/batch_speed.py --mb 200

bench-quality: install  ## shingle F1 on ../shared/data/dev against baselines, text and HTML
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/quality.py --html

pin-floors: install  ## raise the quality gate's floors to the current scores (never lowers)
	$(BIN)/python bench/gate.py --pin

fuzz: install  ## coverage-guided fuzzing (atheris), seeded with the golden inputs; not in CI
	$(BIN)/pip install --quiet atheris
	mkdir -p .fuzz-corpus
	for d in golden/cases/*/; do cp "$$d"input.* ".fuzz-corpus/$$(basename $$d)" ; done
	$(BIN)/python fuzz/fuzz_clean.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 .fuzz-corpus
