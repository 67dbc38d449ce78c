from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Statistics and oversight (DESIGN §6): the figures a force publishes and evaluates, read
    from the other apps' records. Reads only: no models of its own, and nothing here names a
    person — every figure is a count."""

    name = "oversight"
    verbose_name = "Statistics and oversight"
