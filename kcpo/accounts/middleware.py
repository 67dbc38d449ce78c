from kcpo.accounts.selectors import membership_list_for_user

SESSION_KEY = "active_membership_id"


def _active_membership(request, memberships):
    """The membership the user is acting in: the one chosen this session, else their first.

    A user with memberships in two organisations acts for one at a time, so every scoping
    decision has exactly one organisation and one role to go on.
    """
    chosen_id = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.id == chosen_id:
            return membership
    return memberships[0] if memberships else None


class ActiveMembershipMiddleware:
    """Sets `request.memberships` (the user's active memberships) and `request.membership`
    (the one they act in now, or None). One query per signed-in request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            request.memberships = list(membership_list_for_user(user=request.user))
        else:
            request.memberships = []
        request.membership = _active_membership(request, request.memberships)
        return self.get_response(request)
