"""The append-only log of processing of personal data (Data Protection Act 2018, s62).

s62(1)-(3): a controller must log collection, alteration, consultation, disclosure
(including transfers), combination and erasure, and for consultation and disclosure the
log must let us establish the justification, date and time, and who consulted or
disclosed the data and, as far as possible, to whom. Rows are never updated or deleted:
a database trigger refuses both (migration 0002).
"""
