"""The session window: agenda sidebar, step pages, timer, presentation mode."""
