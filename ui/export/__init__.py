"""The export step's parts: where to save, the background export, the write-up preview."""
