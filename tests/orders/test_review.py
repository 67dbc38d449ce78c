"""orders.review: the snapshot written with each submission to the CPS, the CPS lawyer's
comments per condition, and the pure diff between two submissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders import review, services
from orders.models import Application, ApplicationSubmission, Provision, ProvisionComment
from orders.review import FieldChange, ProvisionChange, submission_changes
from orders.workflow import Route, State
from tests.factories import MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_application, under_18_on


@pytest.fixture
def authorised(officer):
    return make_application(officer, route=Route.S19, state=State.AUTHORISED)


def submitted(application, officer, lawyer):
    return review.cps_submit(application=application, membership=officer, cps_area=lawyer.organisation)


# --- the pure diff ----------------------------------------------------------------------


def provision(id_=1, **fields):
    return {
        "id": id_,
        "label": f"P{id_}",
        "kind": "prohibition",
        "category": "",
        "wording": "Not to enter Brixton",
        "schedule": [],
        "purposes": ["protect_public"],
        "rationale": "Both occasions were there",
        "evidence": "MG11",
        "supervisor": "",
        **fields,
    }


def content(*provisions, **fields):
    return {
        "necessity_grounds": ["protect_public"],
        "grounds_argument": "Two occasions",
        "proposed_duration_months": 12,
        "provisions": list(provisions),
        **fields,
    }


def test_no_change_is_falsy():
    changes = submission_changes(content(provision()), content(provision()))

    assert not changes
    assert changes.application == () and changes.provisions == ()


def test_a_changed_wording_is_shown_before_and_after():
    before = content(provision(wording="Not to enter Brixton"))
    after = content(provision(wording="Not to enter the area on the map"))

    changes = submission_changes(before, after)

    assert changes.provisions == (
        ProvisionChange(
            1,
            "P1",
            "changed",
            (FieldChange("wording", "Wording", "Not to enter Brixton", "Not to enter the area on the map"),),
        ),
    )
    assert changes.application == ()


def test_added_and_removed_conditions_are_matched_by_record_not_by_number():
    before = content(provision(1), provision(2, label="P2"))
    after = content(provision(1), provision(3, label="P2", wording="Not to contact Sam Smith"))

    changes = submission_changes(before, after)

    assert [(c.id, c.label, c.status) for c in changes.provisions] == [(3, "P2", "added"), (2, "P2", "removed")]


def test_a_renumbered_condition_is_changed_not_replaced():
    changes = submission_changes(content(provision(7, label="P2")), content(provision(7, label="P1")))

    assert changes.provisions == (ProvisionChange(7, "P1", "changed", (FieldChange("label", "Number", "P2", "P1"),)),)


def test_grounds_argument_and_duration_changes_are_in_words():
    before = content()
    after = content(
        necessity_grounds=["protect_public", "prevent_offence"],
        grounds_argument="Three occasions",
        proposed_duration_months=18,
    )

    changes = submission_changes(before, after)

    assert [(c.field, c.before, c.after) for c in changes.application] == [
        (
            "necessity_grounds",
            "To protect the public in England and Wales from the risk of harm involving a bladed article",
            "To protect the public in England and Wales from the risk of harm involving a bladed article; "
            "To prevent the defendant from committing an offence involving a bladed article",
        ),
        ("grounds_argument", "Two occasions", "Three occasions"),
        ("proposed_duration_months", "12", "18"),
    ]


def test_a_schedule_change_is_shown_as_days_and_times():
    window = {"days": [4, 5], "start": "19:00", "end": "07:00"}

    changes = submission_changes(content(provision()), content(provision(schedule=[window])))

    assert changes.provisions[0].changes == (FieldChange("schedule", "Days and times", "", "Fri, Sat 19:00–07:00"),)


# --- the snapshot -----------------------------------------------------------------------


def test_submitting_records_what_was_sent_as_round_one(authorised, officer, lawyer):
    submitted(authorised, officer, lawyer)

    submission = ApplicationSubmission.objects.get(application=authorised)
    p1 = Provision.objects.get(application=authorised)
    assert (submission.round, submission.submitted_by) == (1, officer.user)
    assert submission.content["grounds_argument"] == "Two occasions with a knife near schools in six months."
    assert submission.content["proposed_duration_months"] == 12
    assert submission.content["provisions"] == [review.provision_content(p1)]
    assert submission.content["defendant"]["name"] == authorised.case.subject.full_name


def test_submitting_again_records_nothing_more(authorised, officer, lawyer):
    submitted(authorised, officer, lawyer)
    submitted(authorised, officer, lawyer)

    assert ApplicationSubmission.objects.filter(application=authorised).count() == 1


def test_a_resubmission_is_the_next_round(authorised, officer, lawyer):
    submitted(authorised, officer, lawyer)
    services.application_cps_return(application=authorised, membership=lawyer, reason="Evidence for P1?")
    Provision.objects.filter(application=authorised).update(evidence="MG11 of PC Smith and CCTV")

    review.cps_resubmit(application=authorised, membership=officer)

    rounds = ApplicationSubmission.objects.filter(application=authorised).order_by("round")
    assert [(s.round, s.content["provisions"][0]["evidence"]) for s in rounds] == [
        (1, "MG11 of PC Smith"),
        (2, "MG11 of PC Smith and CCTV"),
    ]


def test_a_refused_submission_records_nothing(officer, lawyer):
    child = make_application(
        officer, route=Route.S19, state=State.AUTHORISED, date_of_birth=under_18_on(timezone.localdate())
    )

    with pytest.raises(ValidationError, match="s20"):
        submitted(child, officer, lawyer)

    assert not ApplicationSubmission.objects.exists()
    assert Application.objects.get(pk=child.pk).cps_area is None


# --- comments ---------------------------------------------------------------------------


@pytest.fixture
def with_the_cps(authorised, officer, lawyer):
    return submitted(authorised, officer, lawyer)


def test_a_cps_lawyer_comments_on_one_condition_in_the_current_round(with_the_cps, lawyer):
    p1 = with_the_cps.provisions.get()

    comment = review.provision_comment_add(
        application=with_the_cps, membership=lawyer, provision=p1, text="  Which map?  "
    )

    assert (comment.provision, comment.provision_label, comment.round, comment.text, comment.by) == (
        p1,
        "P1",
        1,
        "Which map?",
        lawyer.user,
    )
    audit = AuditEvent.objects.filter(operation="collect", object_type="orders.application").latest("id")
    assert (audit.data_subject_id, audit.details["provision_comment_id"]) == (with_the_cps.case.subject_id, comment.id)


def test_a_general_comment_has_no_condition(with_the_cps, lawyer):
    comment = review.provision_comment_add(
        application=with_the_cps, membership=lawyer, provision=None, text="Add the PNC print"
    )

    assert (comment.provision, comment.provision_label) == (None, "")


def test_a_comment_survives_the_removal_of_its_condition(with_the_cps, lawyer):
    p1 = with_the_cps.provisions.get()
    comment = review.provision_comment_add(application=with_the_cps, membership=lawyer, provision=p1, text="Too wide")

    p1.delete()

    comment.refresh_from_db()
    assert (comment.provision, comment.provision_label) == (None, "P1")


@pytest.mark.parametrize("who", ["officer", "other_lawyer"])
def test_only_a_lawyer_of_the_area_can_comment(with_the_cps, officer, who):
    membership = officer if who == "officer" else MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER)

    with pytest.raises(PermissionDenied):
        review.provision_comment_add(application=with_the_cps, membership=membership, provision=None, text="x")
    assert not ProvisionComment.objects.exists()


def test_no_comment_once_returned(with_the_cps, lawyer):
    services.application_cps_return(application=with_the_cps, membership=lawyer, reason="See comments")

    with pytest.raises(ValidationError, match="only while the application is with the CPS"):
        review.provision_comment_add(application=with_the_cps, membership=lawyer, provision=None, text="More")
    assert not ProvisionComment.objects.exists()


def test_a_comment_needs_text_and_a_condition_of_this_application(with_the_cps, officer, lawyer):
    other = make_application(officer, route=Route.S19).provisions.get()

    with pytest.raises(ValidationError) as blank:
        review.provision_comment_add(application=with_the_cps, membership=lawyer, provision=None, text=" ")
    with pytest.raises(ValidationError, match="not part of this application"):
        review.provision_comment_add(application=with_the_cps, membership=lawyer, provision=other, text="x")
    assert blank.value.message_dict == {"text": ["Enter your comment"]}
    assert not ProvisionComment.objects.exists()


def test_the_round_counts_submissions(with_the_cps, officer, lawyer):
    services.application_cps_return(application=with_the_cps, membership=lawyer, reason="See comments")
    review.cps_resubmit(application=with_the_cps, membership=officer)

    comment = review.provision_comment_add(application=with_the_cps, membership=lawyer, provision=None, text="Better")

    assert comment.round == 2


def test_cps_areas_are_organisations_of_that_type(authorised, officer):
    with pytest.raises(ValidationError):
        review.cps_submit(application=authorised, membership=officer, cps_area=OrganisationFactory(yot=True))
    assert not ApplicationSubmission.objects.exists()
