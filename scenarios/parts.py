"""The five parts of the definition of psychotherapy that every answer is judged against."""

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
    asks: str


PARTS: tuple[Part, ...] = (
    Part(
        "professional",
        "Professional",
        "Therapy is professional",
        "Work inside the law, your ethics code and the limits of your training. Guard what clients "
        "tell you and who they are: confidentiality and privacy are what make it safe to bring "
        "their most private material into the room.",
    ),
    Part(
        "personal",
        "Personal",
        "Therapy is personal",
        "Bring your whole self, not a script. Warmth and natural manner serve clients better than "
        "stiff correctness, and a therapist at ease with themselves helps a client settle.",
    ),
    Part(
        "relationship",
        "Relationship",
        "Therapy is a relationship",
        "The working alliance is the strongest predictor of how therapy turns out. Find a way to "
        "regard each client positively, and notice what is pushing a client toward leaving early.",
    ),
    Part(
        "necessary_help",
        "Necessary help",
        "Therapy offers necessary help",
        "Help with mental and emotional life, whether or not there is a diagnosis. Offer only help "
        "you are able to give and the client agrees to receive; do not prescribe what they have "
        "not asked for; refer what lies outside therapy, such as purely spiritual guidance.",
    ),
    Part(
        "for_the_client",
        "For the client",
        "Therapy is for the client",
        "The client of the hour has your full attention. Share something of yourself only when it "
        "serves their treatment. The client owes you nothing back: no gifts, no looking after you.",
    ),
)

PART_KEYS: tuple[PartKey, ...] = tuple(part.key for part in PARTS)
PART_BY_KEY: dict[str, Part] = {part.key: part for part in PARTS}
