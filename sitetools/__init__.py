"""Tooling for the dlref site itself: page discovery, snippet expansion, code-block checks,
notebook execution. Used by the MkDocs hooks, the tests and ``make bench``; not part of dlref."""
