"""The app's widgets, one per module (each named for the widget it holds)."""
