"""Infrastructure modules of the app."""
