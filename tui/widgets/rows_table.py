"""A ``DataTable`` over a filtered list of rows (``shown``): the row under the cursor, and
``enter`` / a click posting the message :meth:`RowsTable.chosen` makes of it."""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import DataTable


class RowsTable(DataTable):
    shown: list

    @property
    def current_row(self):
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def chosen(self, row) -> Message:
        raise NotImplementedError

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.current_row
        if row is not None:
            self.post_message(self.chosen(row))
