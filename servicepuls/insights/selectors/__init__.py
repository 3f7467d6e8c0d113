"""Reads of the insights domain; every staff read is scoped by ``staff_scope_get``."""
