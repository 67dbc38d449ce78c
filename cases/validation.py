"""The rules a recorded occasion must meet, in one place: the occasion form (through
`cases.services.occasion_record`) and the CSV import (`cases.occasion_csv`) both use them.

They are rules of good records rather than of the Act; what makes an occasion count under
s14 is decided by the engine (eligibility.core.rules.occasion_qualifies)."""

from datetime import date

from eligibility.core import Place

# What `place_description` must say for each place type, when it must say anything.
PLACE_DESCRIPTION_REQUIRED = {
    Place.SCHOOL_PREMISES.value: "Enter the name of the school",
    Place.FURTHER_EDUCATION_PREMISES.value: "Enter the name of the college or further education institution",
    Place.OTHER.value: "Describe the place, for example a private home or a car",
}


def occasion_errors(
    *,
    date_of_birth: date,
    occurred_on: date,
    place: str,
    place_description: str,
    good_reason: str,
    good_reason_details: str,
    today: date,
) -> dict[str, str]:
    """Field name → message for every rule the occasion breaks (empty if none)."""
    errors = {}
    if occurred_on > today:
        errors["occurred_on"] = "The date of the occasion must be today or in the past"
    elif occurred_on < date_of_birth:
        errors["occurred_on"] = "The date of the occasion must be on or after the subject’s date of birth"
    if place in PLACE_DESCRIPTION_REQUIRED and not place_description.strip():
        errors["place_description"] = PLACE_DESCRIPTION_REQUIRED[place]
    if good_reason and not good_reason_details.strip():
        errors["good_reason_details"] = "Describe the good reason or lawful authority claimed"
    return errors
