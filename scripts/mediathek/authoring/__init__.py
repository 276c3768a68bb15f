"""For authors and the Redaktion: new entries from the scaffold, the issue form or a Word file."""
