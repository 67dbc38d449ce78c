"""Placeholder: being written."""

from django.http import Http404


def application_new(request, case_id):
    raise Http404


def application_edit(request, application_id):
    raise Http404


def provision_new(request, application_id):
    raise Http404


def provision_edit(request, application_id, provision_id):
    raise Http404


def provision_delete(request, application_id, provision_id):
    raise Http404


def evidence(request, application_id):
    raise Http404


def check_answers(request, application_id):
    raise Http404
