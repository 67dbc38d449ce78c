"""Who may use the rules engine's doors."""

from kcpo.access import CASE_READERS
from kcpo.accounts.models import Role

# Anyone who works on cases, and analysts: the engine reads and stores nothing.
ELIGIBILITY_USERS = CASE_READERS | {Role.ANALYST}
