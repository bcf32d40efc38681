"""The five parts of the definition of psychotherapy that every answer is judged against."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

PartKey = Literal["professional", "personal", "relationship", "necessary_help", "for_the_client"]

DEFINITION = "Psychotherapy is a professional, yet personal, relationship which offers necessary help for the client."
CITATION = 'Audrey Davidheiser, PhD, "What is therapy?"'


@dataclass(frozen=True)
class Part:
    key: PartKey
    name: str
    headline: str
    meaning: str
    asks: tuple[str, ...]


PARTS: tuple[Part, ...] = (
    Part(
        "professional",
        "Professional",
        "Therapy is professional",
        "What sets therapy apart from a good conversation with a friend is the professional frame "
        "around it: laws and ethics codes decide who may practise, and years of study and supervised "
        "training stand behind the work. That frame is also what makes the room safe enough for a "
        "client to bring what they tell no one else. The article treats confidentiality and privacy as "
        "two defining marks of therapy: they protect who the client is as well as what they say.",
        (
            "Practise within the law, your ethics code and the limits of your training and licence.",
            "Keep both the client's identity and the content of sessions private, and know the narrow exceptions.",
            "Hold the frame (time, place, fees, roles) so that intimate material has a safe container.",
        ),
    ),
    Part(
        "personal",
        "Personal",
        "Therapy is personal",
        "A therapist is not a technique-delivery machine. Who you are, how your mind works and what "
        "you have lived through all shape the help you give. The article recalls how a newcomer's "
        "effort never to make a mistake came across to clients as coldness, and how a mentor's "
        "permission to let natural warmth into the work changed that. The more at home you are in "
        "yourself, the easier it is for a client to settle.",
        (
            "Let your own warmth, humour and manner show; prefer being human to being stiffly correct.",
            "Notice when anxiety about performing well makes you guarded, and take it to supervision.",
            "Use your own reactions as information about the work, without making the hour about them.",
        ),
    ),
    Part(
        "relationship",
        "Relationship",
        "Therapy is a relationship",
        "Whatever the model, research summarised in the article finds that the strength of the "
        "therapeutic relationship predicts how well therapy turns out. That is why a therapist needs "
        "to find something to regard positively in every client, including the ones who are hard to "
        "like, and why it pays to watch for what pushes clients to stop early. Some early endings have "
        "little to do with the therapist: the article cites findings that clients in their twenties "
        "and clients seeking help for personality or eating disorders are more likely to leave early.",
        (
            "Build and repair the working alliance; treat a rupture as something to talk about, not hide.",
            "Find a genuine way to regard each client positively; seek supervision when you cannot.",
            "Notice signs that a client may leave early, and name them with the client.",
        ),
    ),
    Part(
        "necessary_help",
        "Necessary help",
        "Therapy offers necessary help",
        "Therapy's help belongs to the mental and emotional realm. It covers diagnosable conditions "
        "such as depression or anxiety, and equally the hard seasons of life with no diagnosis: grief, "
        "raising a defiant child, loneliness. Two conditions apply: the help must be something you "
        "can actually give, and something the client agrees to receive. So spiritual guidance on its "
        "own belongs with clergy, and a therapist does not prescribe life decisions, such as leaving a "
        "partner, that the client has not raised.",
        (
            "Offer help with mental and emotional life, whether or not there is a diagnosis.",
            "Offer only help you are competent to give and the client has consented to.",
            "Give no unsolicited prescriptions; explore what the client wants instead.",
            "Refer what lies outside therapy, such as purely spiritual counsel, to the right person.",
        ),
    ),
    Part(
        "for_the_client",
        "For the client",
        "Therapy is for the client",
        "For the length of the session the client in the room has all of your attention, from the first "
        "minute to the last, however full your day has been. The hour exists for them, so personal "
        "disclosures (a pet photo, your own bereavement) need a reason rooted in their treatment plan, "
        "not in your wish to share. It runs the other way too: the client owes you nothing back, "
        "neither gifts nor asking after your weekend nor looking after your feelings.",
        (
            "Give the client of the hour your full, undivided attention for the whole session.",
            "Disclose something personal only when it serves the client's treatment plan.",
            "Expect nothing back: weigh any gift by what it means to this client (size, timing, culture) and take no caretaking.",
        ),
    ),
)

PART_KEYS: tuple[PartKey, ...] = tuple(part.key for part in PARTS)
PART_BY_KEY: dict[str, Part] = {part.key: part for part in PARTS}
PART_KEY_BY_NAME: dict[str, PartKey] = {part.name: part.key for part in PARTS}


def part_mask(keys: Iterable[str]) -> int:
    """Parts as bits (bit i for the i-th part of the definition), for fast counting in bulk."""
    return sum(1 << PART_KEYS.index(key) for key in set(keys) if key in PART_KEYS)
