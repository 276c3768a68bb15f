"""Benchmark of the Mediathek build at 100 to 5,000 synthetic entries (`make bench`).

Kept apart from the mediathek package: it only calls the package's public steps
and the command line, exactly as an author's build would.
"""
