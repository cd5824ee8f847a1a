"""Every screen's footer, fitted to the width: less important keys give way, q Quit and ^p stay."""

from __future__ import annotations

from textual import events
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
    """A :class:`Footer` that drops keys by :data:`DROP_ORDER` until the rest fit on one line.

    It is built again only when what it shows changes: Textual's footer builds its keys
    again (a widget and its styles each) whenever the bindings are told to refresh — on
    every focus change, screen change and resize — though they are mostly the same (the
    start of the app alone asked seven times, for one set of keys).
    """

    _shown: tuple | None = None  # what the keys were built from (see _what_is_shown)

    @property
    def _width(self) -> int:
        """The cells the keys must fit in (the app's width before the footer has a size)."""
        return self.size.width or self.app.size.width

    def _what_is_shown(self) -> tuple:
        """Everything :meth:`compose` reads: the width, the style, and each key shown."""
        app = self.app
        keys = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action, enabled, tooltip,
             binding.group, binding.show)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
        )
        return (self._width, self.compact, self.show_command_palette, self._bindings_ready,
                app.ENABLE_COMMAND_PALETTE, keys)

    def on_resize(self, event: events.Resize) -> None:
        # (every screen: the keys that fit the new width; built again only if they change)
        self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self._what_is_shown()
        if shown == self._shown:
            return  # (the same keys: building them again only costs a frame's time)
        self._shown = shown
        await super().recompose()

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        width = self._width
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
        for key in keys:
            if isinstance(key, FooterKey):
                # Each key is given its compact style up front: Textual's keys start compact
                # and are then bound to the footer's (all but the palette's key, which stays
                # compact), and each change restyles the key: a stylesheet pass per key,
                # twice, on every screen (24 ms of the bundled report's first frame).
                compact = key.compact if "-command-palette" in key.classes else self.compact
                key.set_reactive(FooterKey.compact, compact)
                key.set_class(compact, "-compact", update=False)
        yield from keys
