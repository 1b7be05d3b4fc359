"""The board: one list view per stage over a card model, painted by a delegate."""
