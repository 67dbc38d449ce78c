"""Subject search, creation, the subject page and its occasion and conviction forms."""

from django.http import Http404


def subject_search(request):
    raise Http404


def subject_new(request):
    raise Http404


def subject_detail(request, subject_id: int):
    raise Http404


def occasion_new(request, subject_id: int):
    raise Http404


def conviction_new(request, subject_id: int):
    raise Http404
