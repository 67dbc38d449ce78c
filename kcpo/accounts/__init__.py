"""Organisations, users and their roles (memberships): who may do what, and where."""
