"""Undoable edits of the simple lists (went well, went poorly, lucky, parking lot)."""

from __future__ import annotations

from ui.commands.rows import (
    AddRowCommand,
    EditRowCommand,
    MoveRowCommand,
    RemoveRowCommand,
    quoted,
    tr,
)
from ui.models.list_items import ListItemsModel


class AddItemCommand(AddRowCommand):
    """`lists.add_item`; undo is `lists.remove_item`, redo after that `lists.restore_item`."""

    def __init__(self, model: ListItemsModel, text: str, index: int | None = None) -> None:
        super().__init__(model, text, index, tr("add {item}").format(item=quoted(text)))


class EditItemCommand(EditRowCommand):
    """`lists.update_item`; undo sets the previous text back."""

    def __init__(self, model: ListItemsModel, item_id: str, text: str) -> None:
        super().__init__(
            model, item_id, {"text": text}, tr("edit {item}").format(item=quoted(text))
        )


class RemoveItemCommand(RemoveRowCommand):
    """`lists.remove_item`; undo is `lists.restore_item` (same id, same place)."""

    def __init__(self, model: ListItemsModel, item_id: str) -> None:
        row = model.find(item_id)
        text = tr("delete {item}").format(item=quoted(row.text if row else ""))
        super().__init__(model, item_id, text)


class MoveItemCommand(MoveRowCommand):
    """`lists.move_item`; undo moves it back to its old index."""

    def __init__(self, model: ListItemsModel, item_id: str, index: int) -> None:
        row = model.find(item_id)
        super().__init__(
            model, item_id, index, tr("move {item}").format(item=quoted(row.text if row else ""))
        )
