"""WCAG contrast of both themes, computed from the styles the app resolves (not assumed).

Text and the cursor must reach 4.5:1 (WCAG AA for normal text), the outline's border 3:1
(WCAG's non-text contrast), in the dark and in the light theme: each colour pair is read
from the widgets' resolved Rich styles after the theme is applied, and blended as drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color

from tui.app import THEMES, create_app
from tui.loading import load_report
from tui.paths import bundled_report_path


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:  # WCAG's own reference points
    assert round(contrast(Color.parse("#000000"), Color.parse("#ffffff")), 1) == 21.0
    assert round(contrast(Color.parse("#777777"), Color.parse("#ffffff")), 2) == 4.48


@pytest.mark.parametrize("theme", THEMES)
async def test_text_and_cursor_meet_wcag_aa(theme: str, tmp_path: Path) -> None:
    app = create_app([load_report(bundled_report_path())], export_dir=tmp_path, section="6.1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.theme = theme
        await pilot.pause()
        screen = app.screen
        tree, body = screen.query_one("#outline"), screen.query_one("#body")
        crumb, header = screen.query_one("#breadcrumb"), screen.query_one("#header")
        pairs: dict[str, tuple[Color, Color]] = {}

        def pair(name: str, widget, component: str | None = None, over: str | None = None) -> None:
            style = widget.rich_style
            if over is not None:
                style += widget.get_component_rich_style(over)
            if component is not None:
                style += widget.get_component_rich_style(component)
            pairs[name] = (style.color, style.bgcolor)

        tree.focus()
        await pilot.pause()
        pair("outline text", tree)
        pair("outline cursor", tree, "tree--cursor")
        pair("outline figure count", tree, "outline-tree--count")
        pair("open section in the outline", tree, "outline-tree--current")
        focused_border = Color.parse(tree.styles.border_top[1].hex)
        body.focus()
        await pilot.pause()
        pair("outline cursor, unfocused", tree, "tree--cursor")
        blurred_border = Color.parse(tree.styles.border_top[1].hex)
        pair("reading pane text", body)
        for component in ("figure", "measure", "current", "match", "meta", "heading", "value"):
            pair(f"reading pane {component}", body, f"section-body--{component}")
        for component in ("path", "id", "status"):
            pair(f"breadcrumb {component}", crumb, f"breadcrumb--{component}")
        for component in ("title", "meta"):
            pair(f"header {component}", header, f"report-header--{component}")
        low = {name: round(contrast(fg, bg), 2) for name, (fg, bg) in pairs.items() if contrast(fg, bg) < 4.5}
        assert low == {}, f"{theme}: below 4.5:1"
        surround = tree.rich_style.bgcolor
        assert contrast(focused_border, surround) >= 3.0 and contrast(blurred_border, surround) >= 3.0


@pytest.mark.parametrize("theme", THEMES)
async def test_the_outline_rows_as_drawn_meet_wcag_aa(theme: str, tmp_path: Path) -> None:
    """Every character the outline draws — the cursor on the open section included, where
    the open section's colour used to meet the cursor's background at 2.3–2.9:1."""
    app = create_app([load_report(bundled_report_path())], export_dir=tmp_path, section="6.1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.theme = theme
        tree = app.screen.query_one("#outline")
        for focused in (True, False):
            (tree if focused else app.screen.query_one("#body")).focus()
            await pilot.pause()
            low = []
            for y in range(tree.size.height):
                for segment in tree.render_line(y):
                    style, text = segment.style, segment.text
                    if not text.strip() or set(text) <= set("│├└─┬┼ ") or style is None or style.bgcolor is None:
                        continue  # blank, or the guides (decoration, not text)
                    ratio = contrast(style.color, style.bgcolor)
                    if ratio < 4.5:
                        low.append((y, text, round(ratio, 2)))
            assert low == [], f"{theme}, outline {'focused' if focused else 'unfocused'}"
