"""Stage 1 – content: read projects/ (content model, entries) and check it. Imports nothing above it."""
