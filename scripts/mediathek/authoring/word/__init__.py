"""Word: templates for authors and the import of a filled-in document (`make import`)."""
