"""Local authority areas (boroughs) as typed by people: one key for storing and matching them
(provision's catalogue, oversight's statistics and population estimates), and the way to show
a stored key."""

# Words left lower-case inside an area's name as shown ("Barking and Dagenham").
SMALL_WORDS = frozenset({"and", "of", "upon", "on", "the", "in"})


def area_key(text: str) -> str:
    """An area as stored and matched: trimmed, single-spaced and lower-case ("Lambeth ")."""
    return " ".join(text.split()).lower()


def area_label(area: str) -> str:
    """An area as stored (lower-case) the way people write it: "kingston upon thames" is
    shown "Kingston upon Thames", "stoke-on-trent" "Stoke-on-Trent"."""

    def shown(word: str, first: bool) -> str:
        return word if word in SMALL_WORDS and not first else word[:1].upper() + word[1:]

    return " ".join(
        "-".join(shown(part, first=i == 0 and j == 0) for j, part in enumerate(word.split("-")))
        for i, word in enumerate(area.split())
    )
