from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Statistics and oversight (DESIGN §6): the figures a force publishes and evaluates, read
    from the other apps' records. Its only model is the population baseline the force loads
    (public figures); nothing here names a person — every figure is a count or a median."""

    name = "oversight"
    verbose_name = "Statistics and oversight"
