# Two commands on a fresh machine: `make serve` (site at http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN := PYTHONPATH=scripts NO_MKDOCS_2_WARNING=1 $(PY)
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build check generate test test-fast browser clean help

help:
	@echo "make serve    – Website lokal unter http://127.0.0.1:8000 (mit Live-Neuladen)"
	@echo "make check    – alle Einträge in projects/ prüfen"
	@echo "make build    – prüfen, erzeugen und die Website nach site/ bauen"
	@echo "make test     – alle Tests (installiert, was sie brauchen)"
	@echo "make clean    – erzeugte Dateien und die virtuelle Umgebung löschen"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(SITE_STAMP)

serve: $(SITE_STAMP)
	$(RUN) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

check: $(SITE_STAMP)
	@$(RUN) -m mediathek check

generate: $(SITE_STAMP)
	@$(RUN) -m mediathek generate

build: $(SITE_STAMP)
	@$(RUN) -m mediathek build

# Browser tests drive Debian's Chromium; Playwright's own browser download is not used.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installiere Chromium aus den Debian-Paketen …"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(DEV_STAMP) browser
	$(RUN) -m pytest

clean:
	rm -rf build site $(VENV) .pytest_cache .hypothesis
