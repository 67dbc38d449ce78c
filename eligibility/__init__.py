"""The rules engine: the law of OWA 2019 Part 2 as pure functions (DESIGN §4).

Its core imports nothing from Django: frozen dataclasses of facts and a date go in, a
determination with every check, its section and its derived dates comes out. The
Django-facing parts (fact gathering, the API, the command) sit beside the core.
"""
