# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv templates samples bench bench-whole score-text bench-cold bundle bundle-check score-reading score-alarms bench-writer clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/python -m compileall -q xl_careplan >/dev/null  # an editable install gets no bytecode from pip
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	mkdir -p out
	-$(BIN)/xl-careplan check samples/ --report out/office_report.xlsx --annotate --output out/annotated
	@echo "結果: out/ をご覧ください（終了コード 1 は指摘あり、2 は読めないファイルあり）"

test: $(STAMP)
	$(BIN)/pytest

templates: $(STAMP)
	$(BIN)/python scripts/make_templates.py

samples: $(STAMP)
	$(BIN)/python scripts/make_samples.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

score-text: $(STAMP)
	$(BIN)/python benchmarks/score_text.py

bench-whole: $(STAMP)
	$(BIN)/python benchmarks/run.py --whole-only --repeat 3

# CPU of a one-plan check against a bare `python -c pass`, whole processes (benchmarks/COLD_START.md)
bench-cold: $(STAMP)
	$(BIN)/python benchmarks/cold_start.py

# the offline install for a care office: dist/xl_careplan-<版>-windows-x64-py311.zip (docs/guide/README.md)
bundle: $(STAMP)
	$(BIN)/python scripts/make_bundle.py

# the same recipe for this machine, installed with --no-index into a fresh venv and run (~2 min)
bundle-check: $(STAMP)
	$(BIN)/python scripts/make_bundle.py --check --output out/bundle-check

# reading/checking on the independent generated corpus (benchmarks/reading_corpus); SCORE_ARGS="--quick" for the CI size
score-reading: $(STAMP)
	$(BIN)/python benchmarks/score_reading.py --out benchmarks/_data/reading_corpus --libreoffice 4 $(SCORE_ARGS)

# false alarms on good plans written other offices' way, recall on realistic bad ones (benchmarks/ALARMS_RESULTS.md); SCORE_ARGS="--set 2" for the second, independent set
score-alarms: $(STAMP)
	$(BIN)/python benchmarks/score_alarms.py --out benchmarks/_data/alarms $(SCORE_ARGS)

# the writer on real workbooks (fetched snapshots of XlsxWriter's and calamine's test files, see benchmarks/fidelity.py)
bench-writer: $(STAMP)
	$(BIN)/python benchmarks/fidelity.py --lo
	$(BIN)/python benchmarks/writer_speed.py

clean:
	rm -rf $(VENV) out
