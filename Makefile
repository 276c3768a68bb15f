# Two commands on a fresh machine: `make serve` (site at http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN := PYTHONPATH=scripts NO_MKDOCS_2_WARNING=1 $(PY)
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build check generate test test-fast browser clean help neu import vorlage betrieb

help:
	@echo "make serve    – Website lokal unter http://127.0.0.1:8000 (mit Live-Neuladen)"
	@echo "make neu      – einen neuen Eintrag anlegen (fragt nach Art, Titel, Themen und Schlagwörtern)"
	@echo "make import DATEI=beitrag.docx – einen neuen Eintrag aus einem Word-Dokument anlegen (wie make neu)"
	@echo "make vorlage  – die Word-Vorlagen der Eintragsarten nach build/vorlagen schreiben"
	@echo "make check    – alle Einträge in projects/ prüfen"
	@echo "make build    – prüfen, erzeugen und die Website nach site/ bauen"
	@echo "make betrieb  – vor dem Veröffentlichen: nennt jede noch fehlende oder fehlerhafte Angabe zum Betreiber in mkdocs.yml"
	@echo "make test     – alle Tests (installiert, was sie brauchen)"
	@echo "make test-fast – schnelle Tests ohne Browser und ohne ganze Website-Builds, mit ruff und mypy (unter einer Minute)"
	@echo "make lint     – nur die statischen Prüfungen: ruff und mypy"
	@echo "make zensical – die Website auch mit Zensical bauen und mit dem MkDocs-Bau vergleichen"
	@echo "make screenshots – Bildschirmfotos aller Seitenarten (Telefon und Desktop) nach screenshots/"
	@echo "make clean    – erzeugte Dateien und die virtuelle Umgebung löschen"
	@echo "make thesaurus – Synonyme für die Suche aus OpenThesaurus nach projects/_thesaurus.yml schreiben (danach prüfen)"
	@echo "make lock     – requirements*.txt (alle Pakete mit Prüfsummen) aus requirements*.in neu schreiben"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The lock files pin every package, transitive ones included, with hashes; pip refuses anything else.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes

$(SITE_STAMP): requirements.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements-dev.txt
	@touch $@ $(SITE_STAMP)

# Rewrite the lock files from requirements*.in (after changing a pin there); Dependabot does the same.
PIP_COMPILE := $(PY) -m piptools compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
.PHONY: lock
lock: | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

# MkDocs serves the staged tree (build/docs, build/mkdocs.yml); its hook stages again before each
# rebuild, and --dirty renders only the pages whose staged file changed (a dirty build always warns
# that it is one, hence --no-strict; `make check` and `make build` stay strict).
serve: $(SITE_STAMP)
	MEDIATHEK_SITE_URL=http://127.0.0.1:8000/ $(RUN) -m mediathek stage
	MEDIATHEK_SITE_URL=http://127.0.0.1:8000/ $(RUN) -m mkdocs serve --config-file build/mkdocs.yml --dirty --no-strict \
	  --dev-addr 127.0.0.1:8000 --livereload

check: $(SITE_STAMP)
	@$(RUN) -m mediathek check

# make neu TYP=praxisbeispiel TITEL="…" THEMA=verstetigung [SCHLAGWOERTER=… BESCHREIBUNG=… AUTOREN=…
# FALL=… VERBUERGT_VON=… BUNDESLAND=… ORGANISATION=… NETZWERK=…]. Each value reaches the script exactly as
# typed: $(value …) keeps make from expanding a `$` in it, and the quoting survives any quote in a title.
as_typed = '$(subst ','\'',$(value $(1)))'
neu: $(SITE_STAMP)
	@$(RUN) -m mediathek neu --typ $(call as_typed,TYP) --titel $(call as_typed,TITEL) --thema $(call as_typed,THEMA) \
	  --schlagwoerter $(call as_typed,SCHLAGWOERTER) --beschreibung $(call as_typed,BESCHREIBUNG) --autoren $(call as_typed,AUTOREN) \
	  --fall $(call as_typed,FALL) --verbuergt_von $(call as_typed,VERBUERGT_VON) --bundesland $(call as_typed,BUNDESLAND) \
	  --organisation $(call as_typed,ORGANISATION) --netzwerk $(call as_typed,NETZWERK)

# make import DATEI=beitrag.docx [TYP=… TITEL=… and the other variables of make neu]: what the document
# does not say is asked (in a terminal) or taken from the variables.
import: $(SITE_STAMP)
	@test -n $(call as_typed,DATEI) || { echo "Bitte die Datei angeben: make import DATEI=beitrag.docx" >&2; exit 1; }
	@$(RUN) -m mediathek import $(call as_typed,DATEI) --typ $(call as_typed,TYP) --titel $(call as_typed,TITEL) --thema $(call as_typed,THEMA) \
	  --schlagwoerter $(call as_typed,SCHLAGWOERTER) --beschreibung $(call as_typed,BESCHREIBUNG) --autoren $(call as_typed,AUTOREN) \
	  --bundesland $(call as_typed,BUNDESLAND) --organisation $(call as_typed,ORGANISATION) --netzwerk $(call as_typed,NETZWERK)

vorlage: $(SITE_STAMP)
	@$(RUN) -m mediathek vorlage $(if $(TYP),--typ "$$TYP")

# The go-live check: every operator setting still unset for the chosen kind, and malformed ones; exit 1 until ready.
betrieb: $(SITE_STAMP)
	@$(RUN) -m mediathek betrieb

generate: $(SITE_STAMP)
	@$(RUN) -m mediathek stage

build: $(SITE_STAMP)
	@$(RUN) -m mediathek build

# The search's synonyms from OpenThesaurus (Debian: openthesaurus-de-text) -> projects/_thesaurus.yml, to review.
.PHONY: thesaurus
thesaurus: $(SITE_STAMP)
	@$(RUN) -m mediathek thesaurus $(if $(QUELLE),--quelle "$(QUELLE)")

# Benchmark with synthetic entries in a temporary folder (README: „Leistung messen“):
# make bench [N=1000 | N=100,1000 | N=5000 | BENCH_LARGE=1] [SERVE=1] [SEARCH=1] [LISTING=1] [PROFILE=1]
.PHONY: bench
bench: $(SITE_STAMP) $(if $(SEARCH)$(LISTING),$(DEV_STAMP) browser)
	@$(RUN) -m mediathek_bench $(if $(N),--n $(N)) $(if $(BENCH_LARGE),--large) \
	  $(if $(SERVE),--serve) $(if $(SEARCH),--search) $(if $(LISTING),--listing) $(if $(PROFILE),--profile)

# A 15,000-word Projektarbeit from Word imported (and with BUILD=1 built) in a temporary copy: seconds.
.PHONY: bench-word
bench-word: $(SITE_STAMP)
	@$(RUN) -m mediathek_bench.word $(if $(BUILD),--build)

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


# Static checks, run by `make test` before pytest: they take seconds and fail before the long run starts.
.PHONY: lint
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check scripts tests
	$(VENV)/bin/mypy

# One pytest-xdist worker per core (WORKERS=0 for one process). A file's tests stay on one worker, so
# its fixtures are made once, unless it is marked `spread`; builds that several files share are made
# once per run (tests/conftest.py).
WORKERS ?= auto
PYTEST_PARALLEL = -n $(WORKERS) --dist loadgroup

test: $(DEV_STAMP) browser $(NODE_STAMP) lint
	$(RUN) -m pytest $(PYTEST_PARALLEL)

# The inner loop (well under a minute): lint, types and every test that neither drives a browser
# nor builds a whole site (markers browser and build, tests/conftest.py). `make test` runs them all.
test-fast: $(DEV_STAMP) lint
	$(RUN) -m pytest -q $(PYTEST_PARALLEL) -m "not browser and not build"

# Golden files of the built site (tests/test_golden_site.py; also part of `make test`). After an intended
# change of the output or of MkDocs/Material: MEDIATHEK_GOLDEN_UPDATE=1 make test-golden-site, then git diff.
.PHONY: test-golden-site
test-golden-site: $(DEV_STAMP)
	$(RUN) -m pytest -q tests/test_golden_site.py

# The staged tree built by MkDocs and by Zensical, compared. `make test` runs it once, on the changed copy
# of tests/test_scenarios.py; this target runs it on the checkout itself.
.PHONY: zensical
zensical: $(DEV_STAMP) browser
	$(RUN) -m pytest -q tests/test_zensical.py

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
	rm -rf build site $(VENV) .pytest_cache .hypothesis .ruff_cache .mypy_cache
