# Two commands on a fresh machine: `make serve` (site at http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN := PYTHONPATH=scripts NO_MKDOCS_2_WARNING=1 $(PY)
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build check generate test test-fast browser clean help neu

help:
	@echo "make serve    – Website lokal unter http://127.0.0.1:8000 (mit Live-Neuladen)"
	@echo "make neu      – einen neuen Eintrag anlegen (fragt nach Art, Titel, Themen und Schlagwörtern)"
	@echo "make check    – alle Einträge in projects/ prüfen"
	@echo "make build    – prüfen, erzeugen und die Website nach site/ bauen"
	@echo "make test     – alle Tests (installiert, was sie brauchen)"
	@echo "make screenshots – Bildschirmfotos aller Seitenarten (Telefon und Desktop) nach screenshots/"
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
	MEDIATHEK_SITE_URL=http://127.0.0.1:8000/ $(RUN) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

check: $(SITE_STAMP)
	@$(RUN) -m mediathek check

# make neu TYP=praxisbeispiel TITEL="…" THEMA=verstetigung [SCHLAGWOERTER=… BESCHREIBUNG=… AUTOREN=…
# BUNDESLAND=… ORGANISATION=… NETZWERK=…]. Command-line variables reach the recipe's environment;
# "$$VAR" hands them to the script unchanged, whatever quotes or characters a title contains.
neu: $(SITE_STAMP)
	@$(RUN) -m mediathek neu --typ "$$TYP" --titel "$$TITEL" --thema "$$THEMA" \
	  --schlagwoerter "$$SCHLAGWOERTER" --beschreibung "$$BESCHREIBUNG" --autoren "$$AUTOREN" \
	  --bundesland "$$BUNDESLAND" --organisation "$$ORGANISATION" --netzwerk "$$NETZWERK"

generate: $(SITE_STAMP)
	@$(RUN) -m mediathek generate

build: $(SITE_STAMP)
	@$(RUN) -m mediathek build

# Benchmark with synthetic entries in a temporary folder (README: „Leistung messen“):
# make bench [N=1000 | N=100,1000 | N=5000 | BENCH_LARGE=1] [SERVE=1] [SEARCH=1] [PROFILE=1]
.PHONY: bench
bench: $(SITE_STAMP) $(if $(SEARCH),$(DEV_STAMP) browser)
	@$(RUN) -m mediathek_bench $(if $(N),--n $(N)) $(if $(BENCH_LARGE),--large) \
	  $(if $(SERVE),--serve) $(if $(SEARCH),--search) $(if $(PROFILE),--profile)

# Browser tests drive Debian's Chromium; Playwright's own browser download is not used.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installiere Chromium aus den Debian-Paketen …"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The browser tests inject axe-core from npm: installed exactly as package-lock.json says.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

test: $(DEV_STAMP) browser $(NODE_STAMP)
	$(RUN) -m pytest

# Measurements outside `make test` (tools/audit, own package-lock.json): Lighthouse's mobile profile on
# every page kind, and the Nu HTML Checker on every page (needs `java`).
.PHONY: lighthouse vnu
AUDIT_STAMP := tools/audit/node_modules/.installed
$(AUDIT_STAMP): tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

lighthouse: build browser $(AUDIT_STAMP)
	CHROME_PATH=$$(command -v chromium) node tools/audit/lighthouse.mjs site

vnu: build $(AUDIT_STAMP)
	node tools/audit/vnu.mjs site

# Screenshots of every page kind at phone and desktop size, for people to look at.
screenshots: $(DEV_STAMP) browser
	SCREENSHOTS=screenshots $(RUN) -m pytest -q tests/test_browser.py -k phone

clean:
	rm -rf build site $(VENV) .pytest_cache .hypothesis
