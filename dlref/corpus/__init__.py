"""Bundled plain-text corpus for character-level models; read it with
`dlref.data.load_text_corpus` (``importlib.resources`` finds the file in this package).

The essays in ``essays.txt`` were written for dlref and are released with it under its licence.
"""
