"""Helpers shared by every form."""

from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, against its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted_data(request):
    """The form data of a POST, even an empty one (so that a form with nothing ticked is
    still checked); None for a GET."""
    return request.POST if request.method == "POST" else None


@contextmanager
def refusal_shown_on(form: forms.Form):
    """Call a service in this block. If it refuses (ValidationError), the rest of the block is
    skipped and its reasons go on `form`, for the page to be drawn again with them."""
    try:
        yield
    except ValidationError as error:
        add_service_errors(form, error)
