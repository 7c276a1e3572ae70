"""The Cyber Diplomacy Handbook's registry: load, validate and render it.

Plain Python with no MkDocs import, so the same code serves the `handbook` CLI,
the MkDocs hooks, the tests, and any future generator.
"""
