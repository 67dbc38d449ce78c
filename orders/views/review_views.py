"""Placeholder: being written."""

from django.http import Http404


def application_detail(request, application_id):
    raise Http404


def application_transition(request, application_id, name):
    raise Http404


def consultation_new(request, application_id):
    raise Http404


def consultation_inbox(request):
    raise Http404


def consultation_detail(request, consultation_id):
    raise Http404


def cps_inbox(request):
    raise Http404


def cps_review(request, application_id):
    raise Http404
