"""The library: past sessions, search and filters, new session, trash."""
