from django.conf import settings

from kcpo.accounts.navigation import navigation_for


def service(request):
    membership = getattr(request, "membership", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "membership": membership,
        "navigation": navigation_for(request, membership),
        "has_several_memberships": len(getattr(request, "memberships", [])) > 1,
    }
