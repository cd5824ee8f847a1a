"""The app's widgets, one per module (see DESIGN.md)."""
