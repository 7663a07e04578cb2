# Two commands on a fresh Debian machine with Python 3.11 and root: `make run`, `make test`.
# Both are idempotent and fast when everything is already installed.
PYTHON      ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SAMPLES     ?= samples
SAMPLE_COUNT ?= 60
OUTPUT      ?= output
# osd: page orientation and script detection; then the languages the classifier and the
# language detector know (Latin script) and one model per other script OSD can name; msa:
# receipt headers in Malay (extract/head_language.py).
TESS_LANGS  := osd eng tur deu fra nld spa ita pol por msa rus ell ara heb chi-sim jpn kor
APT_PKGS    := tesseract-ocr $(addprefix tesseract-ocr-,$(TESS_LANGS)) fonts-dejavu-core antiword catdoc postgresql
FONT        := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

.PHONY: run test system venv samples bench clean tools

run: venv system samples
	$(PY) run.py --input '$(SAMPLES)/docs/**' --output $(OUTPUT) --runner DirectRunner --overwrite

test: venv system tools
	$(PY) -m pytest -q

# tesseract with OSD and the language data above (and the DejaVu fonts the sample
# generator draws Turkish and German glyphs with), antiword and catdoc (legacy Word .doc),
# through apt-get when any is missing; PostgreSQL (the API tests start their own server from
# it, tests/server/conftest.py; `flexorch serve --database-url` uses one).
system:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="tesseract-ocr"; \
	for lang in $(TESS_LANGS); do \
	  tesseract --list-langs 2>/dev/null | grep -qx "$$(echo $$lang | tr - _)" || missing="$$missing tesseract-ocr-$$lang"; \
	done; \
	test -f $(FONT) || missing="$$missing fonts-dejavu-core"; \
	command -v antiword >/dev/null 2>&1 || missing="$$missing antiword"; \
	command -v catdoc >/dev/null 2>&1 || missing="$$missing catdoc"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "installing $(APT_PKGS)"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PKGS); \
	fi

# azurite (the Azure Blob emulator tests/cloud runs on loopback) from npm into .tools/,
# with node/npm from apt-get when missing.
AZURITE_VERSION := 3.37.0
AZURITE     := .tools/azurite/node_modules/.bin/azurite-blob
tools: $(AZURITE)

$(AZURITE):
	@command -v npm >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm; }
	mkdir -p .tools/azurite
	npm install --prefix .tools/azurite --no-audit --no-fund --silent azurite@$(AZURITE_VERSION)
	test -x $(AZURITE)

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

samples: venv
	@test -f $(SAMPLES)/.complete || $(PY) -m flexorch_samples $(SAMPLES) --count $(SAMPLE_COUNT) --seed 7

bench: venv system
	$(PY) bench/extract_bench.py

clean:
	rm -rf $(OUTPUT) $(SAMPLES)
