"""The app's two themes: Textual's dark and light, with colours that meet WCAG AA.

Textual's own ``textual-dark`` draws the outline's cursor at 3.8:1 and an unfocused border
at 1.05:1; ``textual-light`` draws accented text (figures, the match counter, the open
section) at 2.7–3.3:1 and its unfocused border at 1.07:1.  These keep everything else of
them and change only those variables, so that text and the cursor reach 4.5:1 and borders
3:1 (tests/test_theme_contrast.py computes the ratios from the resolved styles).
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme

DARK, LIGHT = "report-dark", "report-light"

_CHANGES = {
    DARK: ("textual-dark", {
        "block-cursor-foreground": "#ffffff",
        "block-cursor-background": "#0068b8",
        "text-secondary": "#7fa8c9",
        "border-blurred": "#6e6e6e",
    }),
    LIGHT: ("textual-light", {
        "text-accent": "#7a4a00",
        "border-blurred": "#707070",
    }),
}


def report_themes() -> list[Theme]:
    """The two themes, built on Textual's (whatever else a Textual release changes in them)."""
    return [replace(BUILTIN_THEMES[base], name=name, variables={**BUILTIN_THEMES[base].variables, **changes})
            for name, (base, changes) in _CHANGES.items()]
