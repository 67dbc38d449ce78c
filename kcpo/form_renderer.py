"""Render every Django form in GOV.UK Design System markup.

`{{ form }}` uses templates/forms/govuk_form.html and each `{{ form.field.as_field_group }}`
uses templates/forms/govuk_field.html, so views and later apps never hand-write field
markup, labels, hints or error messages.
"""

from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
