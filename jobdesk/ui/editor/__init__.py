"""The application editor: every field of an application, its people and interviews."""
