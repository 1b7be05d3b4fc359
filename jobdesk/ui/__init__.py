"""Qt widgets, item models, delegates and dialogs. Calls services; never builds queries."""
