"""The practice canon: numbered rulings the library holds to, so one act gets one rating everywhere.

Options cite them (`canon: [C4]`); the checker rejects ids that are not here, and
docs/practice-canon.md is generated from this table (`python -m scenarios canon`), with a
test that keeps it current. Where the law differs between jurisdictions a ruling says so and
teaches the move (know your rule, consult) instead of one place's statute.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Ruling:
    id: str
    topic: str
    ruling: str
    ratings: tuple[str, ...] = ()  # how recurring acts are rated wherever they appear


CANON: tuple[Ruling, ...] = (
    Ruling(
        "C1",
        "Gifts are weighed, not met with a reflex",
        "Whether to accept a gift depends on its size and value, its timing (a first session, a holiday, the last "
        "session), what it means in the client's culture, what it means to this client, and whether taking or "
        "declining it serves the client's treatment. A small token, a card, or food offered as ordinary hospitality "
        "can often be accepted with thanks; money, valuable items, repeated gifts and gifts that seem to buy "
        "something are declined warmly. Either way the meaning can be explored when that helps the client, and the "
        "decision is noted. When unsure, the trainee may say they will think about it and take it to supervision.",
        (
            "Accepting a valuable gift, money or a gift that asks for something back: poor.",
            "Declining a small, culturally ordinary token in a way that shames the client: poor.",
            "Deferring a genuinely uncertain gift to supervision, said warmly: acceptable or best, never poor.",
        ),
    ),
    Ruling(
        "C2",
        "Favours, services and inside tips from clients are declined",
        "A client who offers to work for the therapist (taxes, a haircut, repairs, investment tips) is offering to "
        "become a provider in a second relationship. Such offers are declined warmly, the generosity acknowledged, "
        "and the wish to give explored if it recurs. Barter is not a default practice of this library.",
        ("Accepting a free or discounted service from a current client: poor.",),
    ),
    Ruling(
        "C3",
        "Self-disclosure passes the purpose test",
        "Personal disclosure is brief, rare and chosen because it serves this client's treatment; the focus returns "
        "to the client at once. A personal question is usually best met warmly and with curiosity about what it "
        "means to the client; a short, true answer is sometimes right. Disclosing the therapist's own here-and-now "
        "reaction in the room can serve the work and is judged by the same test.",
        (
            "Telling one's own story at length, or for one's own relief: poor.",
            "A cold blanket refusal ('I don't share personal information'): acceptable at most, never best.",
        ),
    ),
    Ruling(
        "C4",
        "Boundaries are held warmly",
        "The right boundary said coldly, by citing a rule, or with a lecture is weaker than the same boundary said "
        "kindly: the refusal declines the act, never the person. A boundary is never traded away to keep a client "
        "pleased.",
        (
            "The right boundary in a cold, rule-citing or lecturing tone: acceptable, not best.",
            "Dropping a needed boundary because the client pushes: poor.",
        ),
    ),
    Ruling(
        "C5",
        "The limits of confidentiality are stated accurately",
        "Clients hear at the start, and again when it matters, what stays private and what does not. No therapist "
        "promises absolute confidentiality. In the United States, HIPAA lets health information be used for "
        "treatment, payment and health-care operations without a separate signed authorisation (supervision of a "
        "trainee is part of this); mandated reporting, danger to self or others, and court orders are further "
        "exceptions. Details differ between jurisdictions and settings, so the move is: know your setting's rule, "
        "say it plainly, and consult when unsure.",
        (
            "Promising that nothing will ever leave the room, or that nothing goes anywhere without written consent: poor.",
            "An accurate, plain account of the limits, offered warmly: best.",
        ),
    ),
    Ruling(
        "C6",
        "Releases are followed to the letter",
        "Information goes only to the person a valid release names, only what it covers, and only as much as the "
        "purpose needs. Without a release the therapist neither confirms nor denies that someone is a client. A "
        "client may narrow or revoke a release.",
        (
            "Disclosing beyond what a release allows, or to someone it does not name: harmful.",
            "Confirming to an unauthorised caller that someone is a client: poor.",
        ),
    ),
    Ruling(
        "C7",
        "A warning about danger is always heard",
        "Confidentiality limits what the therapist says, not what they may hear. A relative, roommate or colleague "
        "who calls with a concern can be listened to without confirming anything; a warning about suicide, violence "
        "or abuse is taken down, acted on and brought to the client and supervisor.",
        ("Refusing to listen to a caller's warning about suicide or violence: harmful.",),
    ),
    Ruling(
        "C8",
        "Minors' confidentiality is agreed up front and varies by law",
        "Parents or guardians usually hold legal rights over a minor's treatment and records, but how much a young "
        "person's disclosures are shared differs by jurisdiction, age and the kind of care (some places let minors "
        "consent to some services themselves). The move is to know the local rule, agree at the outset with the "
        "young person and the parents what will and will not be shared, and tell the young person before anything is "
        "passed on. Safety overrides any agreement.",
        ("Passing a minor's disclosures to a parent without telling the minor first, outside an emergency: poor.",),
    ),
    Ruling(
        "C9",
        "Multiple relationships are weighed, not banned",
        "The ethics codes ask whether a second relationship risks impaired judgement, exploitation or harm; many "
        "incidental contacts (a small town, a campus, a shared faith community) cannot be avoided and are managed "
        "with a conversation, clear roles, consultation and a note. Sexual or romantic relationships with clients are "
        "prohibited outright. Saying 'my ethics code forbids any contact' is inaccurate where the code weighs risk.",
        ("Claiming the code bans a relationship it asks you to weigh: acceptable at most.",),
    ),
    Ruling(
        "C10",
        "No personal online relationships with current clients",
        "The ACA Code (A.5.e) bars personal virtual relationships with current clients, and other codes reach the same "
        "place through their rules on multiple relationships. A follow or friend request is not accepted; it is "
        "raised kindly in session, with the practice's social media policy. Searching a client online needs a "
        "clinical reason and, ordinarily, the client's knowledge.",
        ("Accepting a current client's personal follow or friend request: poor.",),
    ),
    Ruling(
        "C11",
        "Trainees say they are trainees, and use supervision",
        "Clients are told, at the start, that the therapist is in training, who the supervisor is, and that their "
        "work is discussed in supervision. 'Let me check with my supervisor and come back to you' is sound whenever "
        "the trainee is unsure and nothing is urgent; in an emergency the trainee acts for safety first and reaches "
        "the supervisor at once.",
        (
            "Concealing trainee status when asked, or implying full licensure: harmful.",
            "Consulting the supervisor on an uncertain, non-urgent question: acceptable or best, never poor.",
        ),
    ),
    Ruling(
        "C12",
        "Risk is assessed whenever its signs appear",
        "Hopelessness, talk of being 'done' or a burden, recent loss with isolation, giving things away, intoxication, "
        "access to means, or a prior attempt are signs. The therapist asks directly about thoughts of suicide, intent, "
        "plan, means and past attempts (asking does not plant the idea), and follows what is found with a safety plan, "
        "means safety, more frequent contact and consultation. The end of a session, a client's discomfort or a "
        "different agenda never leaves a sign unasked about.",
        (
            "Letting a risk sign pass without asking: harmful when the client leaves unassessed, poor when only deferred within the session.",
            "Breaking confidentiality or calling emergency services before any assessment, for a passing sign: poor.",
        ),
    ),
    Ruling(
        "C13",
        "A threat to a named person calls for the duty to protect",
        "When a client threatens serious violence against someone identifiable, the therapist assesses intent, plan, "
        "means and history, consults a supervisor the same day and documents. Jurisdictions differ: some require a "
        "warning to the person or the police, some permit it, a few have no such duty. Steps can also include "
        "intensifying treatment or arranging hospital care. The move is to know your rule and consult, not to ignore "
        "the threat or to act alone on a guess.",
        (
            "Dismissing a specific threat as venting without assessing it: harmful.",
            "Telling the client in advance what the law requires of you: part of best practice.",
        ),
    ),
    Ruling(
        "C14",
        "Suspected abuse of a child or a dependent adult is reported",
        "Mandated reporters report a reasonable suspicion of child abuse or neglect; they do not investigate or wait "
        "for proof. Most jurisdictions also require or allow reports of abuse of elders and dependent adults; the "
        "details vary. Where it is safe, the client is told what will be reported and why, and the therapist stays "
        "with them through it; the report is made within the time the law sets, with the supervisor informed.",
        (
            "Not reporting a reasonable suspicion, or promising a child it will stay secret: harmful.",
            "Questioning a child in detail to establish the facts before reporting: poor.",
        ),
    ),
    Ruling(
        "C15",
        "Partner violence is screened for in private",
        "Questions about violence at home are asked only when the client is alone, never with the partner in the room "
        "or able to hear. Safety and the client's own choices lead; the therapist offers safety planning and resources "
        "and does not push the client to leave. Couples work is not started while violence is active. Most places have "
        "no mandated report for adult partner violence, some require health workers to report injuries: know your rule.",
        ("Asking about violence with the partner present: harmful.",),
    ),
    Ruling(
        "C16",
        "Help stays within competence and consent",
        "The therapist offers only help they are trained to give and the client has agreed to. Needs outside that "
        "(medical, legal, financial, purely spiritual counsel) are referred while the emotional work goes on. Life "
        "decisions the client has not raised are not prescribed; what the client wants is explored instead.",
        ("Prescribing a life decision the client did not ask about: poor.",),
    ),
    Ruling(
        "C17",
        "Telehealth follows the client's location",
        "Licensure generally follows where the client is during the session. When a client moves or travels to "
        "another state or country, the therapist checks that place's rules (interstate compacts, temporary-practice "
        "allowances) with their supervisor before continuing, knows the local emergency resources and address, and "
        "arranges a referral or transfer if they may not practise there.",
        ("Carrying on across a border without checking whether you may: poor.",),
    ),
    Ruling(
        "C18",
        "Endings are planned with the client",
        "When care ends, because the work is done or because a trainee's placement ends, clients are told early, the "
        "ending is talked through, and those who need more care are offered a transfer or referral with a warm "
        "hand-over. Simply stopping, or leaving a client to find out from someone else, is abandonment.",
        ("Ending without notice or a referral for a client who still needs care: harmful.",),
    ),
    Ruling(
        "C19",
        "A subpoena is not a court order",
        "A subpoena asks; a court order compels. On a subpoena alone the therapist releases nothing without the "
        "client's authorisation or a judge's order: they contact the client, consult the supervisor or the agency's "
        "lawyer, and may assert privilege. Clients themselves generally have a right to see their records, with narrow "
        "exceptions. Rules vary by jurisdiction.",
        ("Sending records in answer to a subpoena alone: harmful.",),
    ),
    Ruling(
        "C20",
        "An intoxicated client is kept safe, not treated",
        "Ordinary therapy does not go ahead with a client who arrives intoxicated. The therapist checks immediate "
        "safety (including suicide risk and driving), arranges a safe way home, reschedules, and raises it at the next "
        "session without shaming.",
        ("Letting an intoxicated client drive away: harmful.",),
    ),
    Ruling(
        "C21",
        "After-hours messages go through the crisis route",
        "Availability between sessions is set out in informed consent. A message that signals crisis is answered "
        "through the agreed route (checking safety, pointing to the crisis line or emergency services, informing the "
        "supervisor) and followed up; ongoing therapy is not conducted by text.",
        ("Leaving a crisis message unanswered until the next session: harmful.",),
    ),
    Ruling(
        "C22",
        "The client of the hour has undivided attention",
        "Phones, other clients and the therapist's own day are set aside for the whole session. A therapist who "
        "cannot attend (ill, exhausted, distracted by an emergency) says so briefly and reschedules rather than "
        "pretending.",
        ("Checking a phone or other work during a session: poor.",),
    ),
    Ruling(
        "C23",
        "A cultural misstep is owned and repaired",
        "When the therapist gets a client's culture, name, identity or faith wrong, they acknowledge it plainly, take "
        "responsibility without asking the client to soothe them, invite the client's view, and do their own learning "
        "outside the session. Long apologies and defensive explanations both make the client look after the therapist.",
        ("Explaining away or defending the misstep: poor.",),
    ),
    Ruling(
        "C24",
        "The client owes the therapist nothing",
        "Clients are not asked, or allowed, to look after the therapist's feelings, schedule or needs: no caretaking "
        "of the therapist's mood, no favours, no asking the client to keep the therapist company. The therapist "
        "receives the client's kindness graciously and turns back to the client.",
        ("Letting a client shorten or bend their care for the therapist's convenience: poor.",),
    ),
)

CANON_IDS: frozenset[str] = frozenset(ruling.id for ruling in CANON)
CANON_BY_ID: dict[str, Ruling] = {ruling.id: ruling for ruling in CANON}
