"""The Action items window: follow-through on action items across every session."""
