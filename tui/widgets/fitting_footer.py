"""The footer, fitted to the width: less important keys give way, q Quit and ^p stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.cjk_wrap import cell_width

#: Actions whose keys leave the footer first when it is short of room, first to go first.
#: Keys not listed (Search, Outline, Help, Quit, the palette) always stay.
DROP_ORDER = ("export", "copy_figure", "copy_section", "next_mark", "figures", "cite_style")
#: Cells between two keys.
GAP = 1


class FittingFooter(Footer):
    """A :class:`Footer` that drops keys by :data:`DROP_ORDER` until the rest fit on one line."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        width = self.size.width or self.app.size.width
        if width:
            def cells(key: object) -> int:
                if not isinstance(key, FooterKey):
                    return 0
                padding = 1 if self.compact else 2
                return cell_width(key.key_display) + cell_width(key.description) + 1 + padding + GAP

            for action in DROP_ORDER:
                if sum(cells(k) for k in keys) <= width:
                    break
                keys = [k for k in keys if not (isinstance(k, FooterKey) and k.action.rsplit(".", 1)[-1] == action)]
        yield from keys
