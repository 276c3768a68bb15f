"""Compiled Jinja2 templates kept in memory, for a process that renders with new environments again
and again: `mkdocs serve` makes a new one for the theme on every rebuild (scripts/mkdocs_hooks.py)."""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Jinja2's documented bytecode cache interface, in a dict: a template whose source changed has a
    different checksum, and Jinja2 compiles it again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
