"""Key legends and tooltips in the language of the run (issue 19).

A class's BINDINGS are built when its module is imported, which may be
before the language is chosen (tests switch it after importing the app), so
their descriptions and tooltips are only marked there with N_() and
translated here, when they are shown: the footer and the `?` panel read them
through `translated()`. The English strings stay the source: in English the
bindings are returned as they are.
"""
from __future__ import annotations

import dataclasses
from functools import lru_cache

from textual.binding import ActiveBinding, Binding

from journal import i18n
from journal.i18n import N_, _

# Textual's own words for the command palette's key (App.COMMAND_PALETTE_BINDING),
# marked here so that the catalog has them.
TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"))


@lru_cache(maxsize=64)
def _translated_group(group: Binding.Group, language: str) -> Binding.Group:
    # One translated object per group: the footer tells a group's keys by identity.
    return Binding.Group(_(group.description), compact=group.compact)


@lru_cache(maxsize=512)
def _translated(binding: Binding, language: str) -> Binding:
    group = binding.group
    if group is not None and group.description:
        group = _translated_group(group, language)
    return dataclasses.replace(
        binding,
        description=_(binding.description) if binding.description else binding.description,
        tooltip=_(binding.tooltip) if binding.tooltip else binding.tooltip,
        group=group,
    )


def translated(binding: Binding) -> Binding:
    """The binding with its description, tooltip and group in the language of the run."""
    language = i18n.language()
    if language == i18n.ENGLISH:
        return binding
    return _translated(binding, language)


def translated_active(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Screen.active_bindings, translated (what every footer reads)."""
    if i18n.language() == i18n.ENGLISH:
        return active
    result = {}
    for key, (node, binding, enabled, tooltip) in active.items():
        shown = translated(binding)
        result[key] = ActiveBinding(node, shown, enabled, _(tooltip) if tooltip else tooltip)
    return result
