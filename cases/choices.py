"""Choices for the case file. Where the law defines the values (places, good reasons,
relevant-offence limbs, disposals) they come from the rules engine's enums, so the records
and the engine can never disagree about a code."""

from django.db import models

from eligibility.core import Disposal, GoodReason, Limb, Place
from eligibility.core.provisions import CommitmentKind

PLACE_LABELS = {
    Place.PUBLIC_PLACE: "Public place",
    Place.SCHOOL_PREMISES: "School premises",
    Place.FURTHER_EDUCATION_PREMISES: "Further education premises",
    Place.OTHER: "Somewhere else (for example, a private home)",
}
GOOD_REASON_LABELS = {
    GoodReason.WORK: "For use at work",
    GoodReason.EDUCATIONAL: "For educational purposes",
    GoodReason.RELIGIOUS: "For religious reasons",
    GoodReason.NATIONAL_COSTUME: "As part of national costume",
    GoodReason.LAWFUL_AUTHORITY: "Lawful authority",
    GoodReason.OTHER: "Another good reason",
}
DISPOSAL_LABELS = {
    Disposal.SENTENCE: "Sentence",
    Disposal.CONDITIONAL_DISCHARGE: "Conditional discharge",
    Disposal.ABSOLUTE_DISCHARGE: "Absolute discharge",
    Disposal.PENDING: "Not yet sentenced",
}

LIMB_LABELS = {
    Limb.VIOLENCE_OR_THREAT: "It involved violence or the threat of violence",
    Limb.BLADED_ARTICLE_USED: "A bladed article was used in committing it",
    Limb.BLADED_ARTICLE_HAD: "The offender had a bladed article with them when committing it",
}

COMMITMENT_KIND_LABELS = {
    CommitmentKind.EDUCATION: "School, college or other education",
    CommitmentKind.WORK: "Work",
    CommitmentKind.RELIGIOUS: "Religious observance",
    CommitmentKind.COURT_ORDER: "Another court order or injunction",
    CommitmentKind.OTHER: "Other",
}

PLACE_CHOICES = [(place.value, label) for place, label in PLACE_LABELS.items()]
# Blank means no good reason or lawful authority was claimed (s14(3), (5)).
GOOD_REASON_CHOICES = [(reason.value, label) for reason, label in GOOD_REASON_LABELS.items()]
DISPOSAL_CHOICES = [(disposal.value, label) for disposal, label in DISPOSAL_LABELS.items()]
COMMITMENT_KIND_CHOICES = [(kind.value, label) for kind, label in COMMITMENT_KIND_LABELS.items()]
LIMB_CHOICES = [(limb.value, label) for limb, label in LIMB_LABELS.items()]


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other or self-described"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    """Self-defined ethnicity: the 18 census categories police record, plus 'not stated' (18+1)."""

    W1 = "W1", "White – English, Welsh, Scottish, Northern Irish or British"
    W2 = "W2", "White – Irish"
    W3 = "W3", "White – Gypsy or Irish Traveller"
    W9 = "W9", "White – any other White background"
    M1 = "M1", "Mixed – White and Black Caribbean"
    M2 = "M2", "Mixed – White and Black African"
    M3 = "M3", "Mixed – White and Asian"
    M9 = "M9", "Mixed – any other Mixed or multiple ethnic background"
    A1 = "A1", "Asian – Indian"
    A2 = "A2", "Asian – Pakistani"
    A3 = "A3", "Asian – Bangladeshi"
    A4 = "A4", "Asian – Chinese"
    A9 = "A9", "Asian – any other Asian background"
    B1 = "B1", "Black – Caribbean"
    B2 = "B2", "Black – African"
    B9 = "B9", "Black – any other Black, Black British or Caribbean background"
    O2 = "O2", "Other – Arab"
    O9 = "O9", "Other – any other ethnic group"
    NS = "NS", "Not stated"


class OccasionSource(models.TextChoices):
    CRIME_REPORT = "crime_report", "Crime report"
    INTELLIGENCE = "intelligence", "Intelligence"
    STOP_AND_SEARCH = "stop_and_search", "Stop and search"
    OTHER = "other", "Other"


class OccasionOutcome(models.TextChoices):
    ARREST = "arrest", "Arrest"
    CHARGE = "charge", "Charge"
    CONVICTION = "conviction", "Conviction"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    OTHER = "other", "Other"
