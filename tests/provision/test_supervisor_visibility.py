"""What a supervisor can reach (DESIGN §1; the guidance, ch. 9): only the requirements their
organisation supervises, with the subject's name, the contact details and needs relevant to the
activity, the requirement's words and schedule, and their own reports.

Two halves. Every page of cases/, subjects/, occasion imports, applications/, orders/,
documents/ and eligibility/ (walked from the URL configuration, with the real ids of one order's
records) answers 404 to the supervisor, as do the order's other requirement, its prohibition and
another provider's session. And the supervisor's own pages and API responses contain none of
the case's other data: each is planted with a distinctive string and looked for."""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.models import Case, OccasionImport, Subject
from documents.models import BundleJob, Document
from kcpo.audit.models import AuditEvent
from orders.models import EvidenceItem, HearsayItem, OrderProvision, Proceeding, YotConsultation
from provision.models import ComplianceReport, Session
from tests.access import as_member
from tests.factories import (
    BreachFactory,
    ComplianceReportFactory,
    OccasionFactory,
    OrganisationFactory,
    PoliceCheckFactory,
)
from tests.orders.review_builders import make_consultation
from tests.provision.supervision_builders import TODAY, session_on, supervised_order

# The namespaces of the police's, the CPS's and the YOT's pages (kcpo/urls.py).
NAMESPACES = ("cases", "subjects", "imports", "applications", "orders", "breaches", "documents", "eligibility")
# What the supervisor must never see, planted in the records.
SECRETS = {
    "case reference": "CASE-REF-QX7",
    "occasion location": "OCCASION-LOCATION-QX7",
    "occasion article": "OCCASION-ARTICLE-QX7",
    "occasion evidence": "OCCASION-EVIDENCE-QX7",
    "grounds": "GROUNDS-ARGUMENT-QX7",
    "evidence item": "EVIDENCE-ITEM-QX7",
    "hearsay": "HEARSAY-ITEM-QX7",
    "intelligence sent to the YOT": "YOT-INTELLIGENCE-QX7",
    "the YOT's safeguarding context": "SAFEGUARDING-QX7",
    "the prohibition's wording": "PROHIBITION-WORDING-QX7",
    "another provider's requirement": "OTHER-REQUIREMENT-QX7",
    "another provider's note": "OTHER-PROVIDER-NOTE-QX7",
    "the subject's social worker": "SOCIAL-WORKER-QX7",
    "breach evidence": "BREACH-EVIDENCE-QX7",
    "the subject's date of birth": "9 April 2005",
    "the subject's date of birth (ISO)": "2005-04-09",
}


@pytest.fixture
def world(frozen, officer):
    """One order with everything a police case holds, each with its planted string."""
    supervised = supervised_order(officer)
    order, application = supervised.order, supervised.order.application
    Case.objects.filter(pk=application.case_id).update(reference=SECRETS["case reference"])
    Subject.objects.filter(pk=order.subject_id).update(social_worker=SECRETS["the subject's social worker"])
    occasion = OccasionFactory(
        subject=order.subject,
        location=SECRETS["occasion location"],
        article=SECRETS["occasion article"],
        evidence=SECRETS["occasion evidence"],
    )
    application.__class__.objects.filter(pk=application.pk).update(grounds_argument=SECRETS["grounds"])
    EvidenceItem.objects.create(application=application, kind="other", description=SECRETS["evidence item"])
    HearsayItem.objects.create(
        application=application, description=SECRETS["hearsay"], maker="Informant", reason_not_called="Fear"
    )
    consultation = make_consultation(
        application,
        OrganisationFactory(yot=True),
        officer,
        hearsay_and_intelligence=SECRETS["intelligence sent to the YOT"],
        safeguarding_context=SECRETS["the YOT's safeguarding context"],
    )
    OrderProvision.objects.filter(pk=supervised.p1.pk).update(wording=SECRETS["the prohibition's wording"])
    OrderProvision.objects.filter(pk=supervised.r3.pk).update(wording=SECRETS["another provider's requirement"])
    theirs = ComplianceReportFactory(
        session=session_on(supervised.r3, date(2027, 2, 27), hour=10),
        attendance="failed",
        note=SECRETS["another provider's note"],
    )
    ours = session_on(supervised.r2, TODAY)
    ComplianceReportFactory(session=session_on(supervised.r2, date(2027, 2, 24)), note="Came on time.")
    proceeding = Proceeding.objects.create(
        order=order, kind="application", sought="vary", applicant="defendant", made_on=TODAY, created_by=officer.user
    )
    document = Document.objects.create(
        application=application,
        kind="order",
        version=1,
        template_version="test",
        pdf=b"%PDF-1.4",
        sha256="0" * 64,
        issued_by=officer.user,
    )
    check = PoliceCheckFactory(order=order, kind="place", prohibition=supervised.p1, complied=False)
    breach = BreachFactory(order=order, provision=supervised.p1, evidence=SECRETS["breach evidence"], checks=[check])
    ids = {
        "case_id": application.case_id,
        "subject_id": order.subject_id,
        "application_id": application.id,
        "provision_id": application.provisions.order_by("id").first().id,
        "consultation_id": consultation.id,
        "hearing_id": order.hearing_id,
        "order_id": order.id,
        "breach_id": breach.id,
        "proceeding_id": proceeding.id,
        "document_id": document.id,
        "job_id": BundleJob.objects.create(application=application, requested_by=officer).id,
        "import_id": OccasionImport.objects.create(owner=order.owner, created_by=officer.user, filename="x.csv").id,
        # str parameters: a real transition, proceeding kind and document kind.
        "name": "authorise",
        "kind": "application",
    }
    return supervised, ids, ours, theirs, occasion


def patterns(namespace: str):
    """(url name, route parameters) of every page in a namespace."""
    resolver = next(r for r in get_resolver().url_patterns if isinstance(r, URLResolver) and r.namespace == namespace)
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        yield f"{namespace}:{pattern.name}", list(pattern.pattern.converters)


def every_page():
    return [(name, params) for namespace in NAMESPACES for name, params in patterns(namespace)]


def path_for(name, params, ids):
    kwargs = {param: ids[param] for param in params}
    if name.startswith("documents:") and "kind" in kwargs:
        kwargs["kind"] = "order"
    return reverse(name, kwargs=kwargs)


def test_the_walk_covers_the_pages_with_objects(world):
    names = {name for name, params in every_page() if params}

    assert {
        "cases:detail",
        "subjects:detail",
        "subjects:occasion_new",
        "applications:detail",
        "applications:consultation_detail",
        "orders:detail",
        "orders:proceeding_detail",
        "breaches:new",
        "breaches:detail",
        "documents:index",
        "documents:download",
    } <= names


def test_every_page_of_a_case_answers_404_to_the_supervisor(client, world):
    supervised, ids, *_ = world
    as_member(client, supervised.supervisor)
    answers = {}
    for name, params in every_page():
        if not params:
            continue
        path = path_for(name, params, ids)
        answers[name] = (client.get(path).status_code, client.post(path, {}).status_code)

    wrong = {name: codes for name, codes in answers.items() if not (set(codes) <= {404, 405} and 404 in codes)}
    assert wrong == {}
    assert AuditEvent.objects.filter(user_id=supervised.supervisor.user_id).count() == 0


def test_the_lists_and_searches_of_cases_are_refused_to_the_supervisor(client, world):
    supervised, *_ = world
    as_member(client, supervised.supervisor)

    answers = {name: client.get(reverse(name)).status_code for name, params in every_page() if not params}

    assert {name for name, code in answers.items() if code == 200} == set()


def test_the_other_requirement_the_prohibition_and_another_providers_report_are_not_found(client, world):
    supervised, _ids, _ours, theirs, _occasion = world
    as_member(client, supervised.supervisor)
    paths = [
        reverse("supervision:requirement_detail", args=[supervised.r3.id]),
        reverse("supervision:requirement_detail", args=[supervised.p1.id]),
        reverse("supervision:appointment_new", args=[supervised.r3.id]),
        reverse("supervision:sessions_generate", args=[supervised.r3.id]),
        reverse("supervision:report_new", args=[theirs.session_id]),
        reverse("supervision:yot_non_compliance_detail", args=[theirs.id]),
        reverse("api-supervision-requirement-detail", args=[supervised.r3.id]),
        reverse("api-supervision-requirement-detail", args=[supervised.p1.id]),
        reverse("api-supervision-session-list", args=[supervised.r3.id]),
    ]

    assert {path: client.get(path).status_code for path in paths if "generate" not in path} == {
        path: 404 for path in paths if "generate" not in path
    }
    assert client.post(paths[3], {"weeks": "4"}).status_code == 404
    assert client.post(paths[4], {"attendance": "attended"}).status_code == 404
    assert (Session.objects.filter(requirement=supervised.r3).count(), ComplianceReport.objects.count()) == (1, 2)


def test_the_supervisors_pages_and_api_show_nothing_beyond_their_part(client, world):
    supervised, _ids, ours, _theirs, _occasion = world
    as_member(client, supervised.supervisor)
    paths = [
        reverse("supervision:requirement_list"),
        reverse("supervision:requirement_detail", args=[supervised.r2.id]),
        reverse("supervision:appointment_new", args=[supervised.r2.id]),
        reverse("supervision:report_new", args=[ours.id]),
        reverse("api-supervision-requirement-list"),
        reverse("api-supervision-requirement-detail", args=[supervised.r2.id]),
        reverse("api-supervision-session-list", args=[supervised.r2.id]),
    ]
    bodies = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        bodies[path] = response.content.decode()

    # What they should see is there …
    sessions_api = reverse("api-supervision-session-list", args=[supervised.r2.id])
    assert [path for path, body in bodies.items() if "Jordan Lee Ellis" not in body] == [sessions_api]
    assert "Came on time." in bodies[sessions_api]
    assert "Came on time." in bodies[reverse("supervision:requirement_detail", args=[supervised.r2.id])]
    # … and nothing else.
    leaks = {(what, path) for path, body in bodies.items() for what, secret in SECRETS.items() if secret in body}
    assert leaks == set()


def test_the_planted_strings_are_really_there(client, world, officer):
    """The control: the police see them, so their absence above means something."""
    supervised, ids, *_ = world
    as_member(client, officer)

    seen = (
        client.get(reverse("cases:detail", args=[ids["case_id"]])).content.decode()
        + client.get(reverse("subjects:detail", args=[ids["subject_id"]])).content.decode()
        + client.get(reverse("applications:detail", args=[ids["application_id"]])).content.decode()
        + client.get(reverse("orders:detail", args=[ids["order_id"]])).content.decode()
    )

    for what in ("case reference", "occasion location", "grounds", "the prohibition's wording"):
        assert SECRETS[what] in seen, what
    assert YotConsultation.objects.filter(hearsay_and_intelligence=SECRETS["intelligence sent to the YOT"]).exists()
