# Two commands do all the set-up: `make preview` and `make test` create .venv from the pinned
# requirements on first use (and again whenever a requirements file or pyproject changes).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STACK  ?= eu
# The policy config follows the stack's boundary: config.eu.json for eu, config.us.json for us.
POLICY_CONFIG ?= policy/config.$(STACK).json
FORMAT ?= text
# OUTPUT=FILE writes the report to FILE instead of stdout (e.g. FORMAT=sarif OUTPUT=eu.sarif).
OUTPUT ?=

.PHONY: venv preview test bench clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	@echo "make: building $(VENV) from the pinned requirements" >&2
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt >&2
	@$(PY) -m pip install --disable-pip-version-check -q --no-deps -e . >&2
	@touch $@

# The recipe is silent (@) so `make preview FORMAT=json` prints nothing but the report.
preview: venv
	@$(VENV)/bin/sovereign preview --stack $(STACK) --policy-pack policy \
	    --policy-pack-config $(POLICY_CONFIG) --format $(FORMAT) $(if $(OUTPUT),--output $(OUTPUT))

test: venv
	$(PY) -m pytest -q

bench: venv
	$(PY) -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
