"""Stage 2 – catalog: index the checked entries (topics, tags, related entries, listings, search words)."""
