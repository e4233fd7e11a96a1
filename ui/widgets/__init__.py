"""Reusable widgets: the meeting timer, the facilitator's prompts panel, empty states."""
