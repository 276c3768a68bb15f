"""Build tooling of the Mediathek: load, validate, index and render the entries in projects/."""
