"""`python manage.py assess_eligibility FILE` (or `-` for stdin): print the determination JSON."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from eligibility.services import eligibility_assess


class Command(BaseCommand):
    help = "Assess KCPO eligibility for the facts in a JSON file (the API's request format). Stores nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a JSON file, or - to read standard input.")

    def handle(self, *args, file, **options):
        try:
            if file == "-":
                payload = json.load(sys.stdin)
            else:
                with open(file, encoding="utf-8") as handle:
                    payload = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read JSON from {file}: {error}") from error
        if not isinstance(payload, dict):
            raise CommandError("The JSON must be an object with a 'route' field.")
        try:
            determination = eligibility_assess(payload=payload)
        except ValidationError as error:
            raise CommandError(json.dumps({"errors": error.detail}, default=str)) from error
        self.stdout.write(json.dumps(determination.as_json(), indent=2))
