from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    """The provision catalogue and the supervisors' side of the service: what providers offer
    (and whether they take the s22 supervisor duty), the police's referrals to them, and the
    sessions of each requirement with the supervisor's compliance report on each. A bounded
    context of its own (DESIGN §2): providers and supervisors see nothing of cases,
    applications or intelligence, only what is here."""

    name = "provision"
    verbose_name = "Provision catalogue, referrals and supervision"
