"""MkDocs hook: a page that exists in one language only fails the build, instead of falling
back silently to the other language."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from sitetools.pages import PageError, missing_translations


def on_pre_build(config):
    try:
        missing = missing_translations()
    except PageError as error:
        raise PluginError(str(error)) from error
    if missing:
        raise PluginError("pages missing in one language: " + ", ".join(missing))
