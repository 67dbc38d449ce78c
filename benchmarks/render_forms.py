"""How long does each court form take to render to PDF (DESIGN §7: "any form renders to PDF in
well under a second")?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcpo_bench .venv/bin/python benchmarks/render_forms.py \
        --repeat 10

Loads the demo data (seed_demo, idempotent) into the database it is given, then for every form
of documents.registry, and for the court bundle, renders it for the demo application with the
most provisions it applies to, `--repeat` times: the context (the queries) and the PDF
(WeasyPrint) separately, printing the median and slowest of each. Prints figures; asserts
nothing.
"""

import argparse
import io

from _common import timed  # first: it sets Django up
from django.core.management import call_command
from django.db.models import Count

from documents import bundles
from documents.registry import FORMS
from documents.rendering import render_pdf
from orders.demo import demo_applications


def richest(applies) -> object | None:
    """The demo application with the most provisions (then the newest) that the form applies to."""
    candidates = demo_applications().annotate(provision_count=Count("provisions")).order_by("-provision_count", "-id")
    return next((a for a in candidates if applies(a)), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="renders of each form (default 10)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())

    specs = [(spec.kind.value, spec.template, spec.title, spec.context, spec.applies) for spec in FORMS.values()]
    specs.append(("bundle", bundles.TEMPLATE, bundles.TITLE, bundles.bundle_context, bundles.bundle_applies))
    for label, template, title, context_of, applies in specs:
        application = richest(applies)
        if application is None:
            print(f"{label:<60} no demo application it applies to")
            continue
        context = timed(f"{label} – records", lambda: context_of(application), repeat=args.repeat)  # noqa: B023
        pdf = timed(
            f"{label} – PDF",
            lambda: render_pdf(template, context, draft=False, title=title),  # noqa: B023
            repeat=args.repeat,
        )
        print(f"{'':<60} {len(pdf) / 1024:.0f} KiB, for {application.case.reference}")


if __name__ == "__main__":
    main()
