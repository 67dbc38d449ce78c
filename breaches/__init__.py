"""Compliance reports, non-compliance triage and breaches (s29, s25) (DESIGN §3)."""
