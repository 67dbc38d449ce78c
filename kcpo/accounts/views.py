from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases.selectors import case_counts_by_force, case_list
from kcpo.access import CASE_READERS, POLICE_CASEWORK
from kcpo.accounts.forms import ChooseMembershipForm, SignInForm
from kcpo.accounts.middleware import SESSION_KEY
from kcpo.accounts.models import Role
from kcpo.accounts.selectors import (
    organisation_counts_by_type,
    organisation_list_with_member_counts,
    organisation_member_list,
)
from kcpo.audit.services import audit_read
from kcpo.pagination import paginate

HOME_CASE_COUNT = 10


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


@login_required
def home(request):
    membership = request.membership
    context = {"memberships": request.memberships}
    if membership is None:
        return render(request, "accounts/home_no_membership.html", context)

    role = membership.role
    if role in CASE_READERS:
        cases = list(case_list(membership=membership)[:HOME_CASE_COUNT])
        context["cases"] = cases
        context["cases_heading"] = (
            "Your force’s latest cases"
            if role in POLICE_CASEWORK
            else (f"Cases shared with {membership.organisation.name}")
        )
        # The case table names subjects: personal data, so the view is logged (DPA 2018 s62).
        audit_read(request, object_type="cases.case", details={"page": "home", "case_ids": [c.id for c in cases]})
    if role == Role.ANALYST:
        context["cases_by_force"] = case_counts_by_force()
        context["organisations_by_type"] = organisation_counts_by_type()
    if role == Role.ADMINISTRATOR:
        context["organisations"] = paginate(request, organisation_list_with_member_counts())
    if role == Role.SUPERVISOR:
        context["supervisor"] = True
    context["people_count"] = organisation_member_list(organisation=membership.organisation).count()
    return render(request, "accounts/home.html", context)


@login_required
def people(request):
    membership = request.membership
    if membership is None:
        return redirect("accounts:home")
    page = paginate(request, organisation_member_list(organisation=membership.organisation))
    return render(request, "accounts/people.html", {"page": page, "organisation": membership.organisation})


@login_required
@require_http_methods(["GET", "POST"])
def choose_organisation(request):
    form = ChooseMembershipForm(request.POST or None, memberships=request.memberships)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["membership"]
        messages.success(request, "You have changed the organisation you are working for.")
        return redirect("accounts:home")
    if request.membership is not None and not form.is_bound:
        form.initial["membership"] = request.membership.id
    return render(request, "accounts/choose_organisation.html", {"form": form})
