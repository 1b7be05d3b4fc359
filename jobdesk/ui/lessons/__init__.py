"""The lessons library and the lesson editor."""
