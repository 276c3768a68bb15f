"""Stage 3 – pages: render the generated pages and the files readers get (feeds, catalog.json, citations)."""
