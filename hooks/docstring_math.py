"""MkDocs hook: render Sphinx-style ``:math:`...``` roles from docstrings as KaTeX formulas.

dlref's docstrings write formulas as ``:math:`\\sigma(x)```, which reads well in ``help()``.
mkdocstrings renders that as ``:math:<code>...</code>``; this turns it into the same
``arithmatex`` span that ``$...$`` in a page produces.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":math:<code>(.*?)</code>", re.DOTALL)


def on_page_content(html, page, config, files):
    if ":math:<code>" not in html:
        return html
    return _ROLE.sub(lambda m: f'<span class="arithmatex">\\({m.group(1)}\\)</span>', html)
