from kcpo.accounts.selectors import membership_list_for_user

SESSION_KEY = "active_membership_id"


def _active_membership(request):
    """The membership the user is acting in: the one chosen this session, else their first.

    A user with memberships in two organisations acts for one at a time, so every scoping
    decision has exactly one organisation and one role to go on.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = list(membership_list_for_user(user=user))
    chosen_id = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.id == chosen_id:
            return membership
    return memberships[0] if memberships else None


class ActiveMembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = _active_membership(request)
        return self.get_response(request)
