"""What jobdesk says back after a rejection: observations, lesson ideas, the thank-you note.

Everything here is plain rules over the person's own answers, so a reader
can see at a glance what jobdesk will ever say:

- ``OBSERVATION_RULES``: gentle remarks on the fit answers, most important first.
- ``CATEGORY_RULES``, ``FEEDBACK_RULES``, ``FIT_RULES``: the lessons suggested
  from the reason category, from the employer's feedback and from the fit answers.
- ``draft_thank_you`` / ``feedback_subject`` / ``mailto_link``: the polite note
  that asks for feedback, and a safe link that opens it in a mail program.

The tone is a kind, practical coach's: no blame, plain words, one concrete step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from jobdesk.domain.vocabulary import (
    SCALE_MAX,
    LessonCategory,
    Motivation,
    ReasonCategory,
)

# -- the answers --------------------------------------------------------------------


@dataclass(frozen=True)
class FitAnswers:
    """The fit page's answers. Scales run 1..5; ``None`` or 0 means "not answered"."""

    motivations: frozenset[Motivation] = frozenset()
    similarity: int | None = None  # 1 = very different from my current role .. 5 = almost the same
    over_my_head: int | None = None  # 1 = well within my depth .. 5 = far over my head
    personality_fit: int | None = None  # 1 = would have stifled me .. 5 = fitted me well
    right_job: int | None = None  # 1 = not right for me .. 5 = exactly right
    blessing_in_disguise: bool = False


def _at_least(value: int | None, floor: int) -> bool:
    """Whether a scale was answered (1..5) with *floor* or more."""
    return value is not None and floor <= value <= SCALE_MAX


def _at_most(value: int | None, ceiling: int) -> bool:
    """Whether a scale was answered (1..5) with *ceiling* or less; 0 is "not answered"."""
    return value is not None and 1 <= value <= ceiling


def _chose(answers: FitAnswers, motivation: Motivation) -> bool:
    return motivation in answers.motivations


def _escape_into_similar_role(answers: FitAnswers) -> bool:
    return _chose(answers, Motivation.ESCAPE) and _at_least(answers.similarity, 4)


# -- observations -------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    key: str  # stable identifier of the rule, e.g. "escape_similar_role"
    text: str  # one or two kind sentences shown to the person


@dataclass(frozen=True)
class ObservationRule:
    key: str
    applies: Callable[[FitAnswers], bool]
    text: str


#: Most important first; each rule says one thing, kindly, in at most two sentences.
OBSERVATION_RULES: tuple[ObservationRule, ...] = (
    ObservationRule(
        "escape_similar_role",
        _escape_into_similar_role,
        "You wanted out of your current job, and this role was very close to it. "
        "The things that wear on you now might well have followed you there.",
    ),
    ObservationRule(
        "escape_without_interest",
        lambda a: _chose(a, Motivation.ESCAPE) and not _chose(a, Motivation.INTEREST),
        "The pull seems to have been mostly away from your current job. "
        "It may help to name what you would like to move towards next.",
    ),
    ObservationRule(
        "over_my_head",
        lambda a: _at_least(a.over_my_head, 4),
        "You sensed this might have been a stretch too far. That is information, "
        "not a verdict, and roles a step closer to where you are may fit better for now.",
    ),
    ObservationRule(
        "personality_stifled",
        lambda a: _at_most(a.personality_fit, 2),
        "You felt the role might have stifled who you are. "
        "A place that fits you matters as much as being chosen.",
    ),
    ObservationRule(
        "not_right_for_me",
        lambda a: _at_most(a.right_job, 2) or a.blessing_in_disguise,
        "Deciding it was not right for you is a real result, and it counts. "
        "This may turn out to be a blessing in disguise.",
    ),
    ObservationRule(
        "interest_stings",
        lambda a: _chose(a, Motivation.INTEREST) and _at_least(a.right_job, 4),
        "This one mattered to you, so it is okay that it stings. "
        "Your interest in this kind of work is worth carrying forward.",
    ),
    ObservationRule(
        "pay_or_prestige_without_interest",
        lambda a: (
            (_chose(a, Motivation.PAY) or _chose(a, Motivation.PRESTIGE))
            and not _chose(a, Motivation.INTEREST)
        ),
        "Pay or prestige was a big part of the pull here. "
        "It may be worth asking yourself whether the work itself would have held you.",
    ),
)


def observations(answers: FitAnswers) -> list[Observation]:
    """The observations that fit *answers*, most important first; none if nothing was answered."""
    return [Observation(rule.key, rule.text) for rule in OBSERVATION_RULES if rule.applies(answers)]


# -- lesson suggestions -------------------------------------------------------------


@dataclass(frozen=True)
class LessonSuggestion:
    text: str  # the lesson, short (<= 80 chars), e.g. "Show applicable experience more clearly"
    category: LessonCategory
    action: str  # one concrete next step
    for_interviews: bool  # whether it comes back as a checklist item before interviews
    reason: str  # why it is suggested, e.g. "They said someone had more experience."


@dataclass(frozen=True)
class _Lesson:
    """A lesson without its reason: the same lesson can be suggested for several reasons."""

    text: str
    category: LessonCategory
    action: str
    for_interviews: bool = False

    def because(self, reason: str) -> LessonSuggestion:
        return LessonSuggestion(self.text, self.category, self.action, self.for_interviews, reason)


SHOW_EXPERIENCE = _Lesson(
    "Show applicable experience more clearly",
    LessonCategory.EXPERIENCE,
    "Before the next application, rewrite two CV bullets so they name a result "
    "and the skills the posting asks for.",
)
TARGET_LESS_EXPERIENCE = _Lesson(
    "Aim for roles asking a little less experience, or build the missing piece",
    LessonCategory.TARGETING,
    "Pick one requirement you were short on and either filter for roles that ask "
    "for less of it, or plan one small way to gain it.",
)
CLOSE_SKILL_GAP = _Lesson(
    "Name the skill gap and close it with a small step",
    LessonCategory.SKILLS,
    "Write down the one skill that came up, then choose a short course or a small "
    "project that lets you show it.",
)
PRACTISE_OUT_LOUD = _Lesson(
    "Practise interview answers out loud",
    LessonCategory.INTERVIEWING,
    "Before the next interview, answer three likely questions out loud, or ask "
    "someone you trust for a mock interview.",
    for_interviews=True,
)
STRUCTURED_EXAMPLES = _Lesson(
    "Answer with short, structured examples",
    LessonCategory.INTERVIEWING,
    "Prepare three stories as situation, task, action and result, and practise "
    "telling each one in about two minutes.",
    for_interviews=True,
)
RESEARCH_CULTURE = _Lesson(
    "Research the culture before applying, and ask about it",
    LessonCategory.RESEARCH,
    "Read how people who work there describe it, and prepare one question about "
    "how the team works together.",
    for_interviews=True,
)
CHECK_SALARY_RANGE = _Lesson(
    "Check the salary range early",
    LessonCategory.NEGOTIATION,
    "In the first call, politely ask for the range and compare it with what you "
    "need before going further.",
)
CONFIRM_LOCATION = _Lesson(
    "Confirm location and work mode before applying",
    LessonCategory.TARGETING,
    "Check the posting, or ask the recruiter, where the work happens and how many "
    "office days are expected.",
)
NOT_ABOUT_YOU = _Lesson(
    "Some decisions are not about you",
    LessonCategory.SELF_CARE,
    "Note that this one was outside your control, and do one small thing today "
    "that gives you some energy back.",
)
APPLY_TOWARDS = _Lesson(
    "Apply towards something, not only away",
    LessonCategory.TARGETING,
    "Before the next application, write one sentence about what this role would move you towards.",
)
ONE_STEP_CLOSER = _Lesson(
    "Look at roles one step closer to where you are now",
    LessonCategory.TARGETING,
    "Look for postings where you already meet most of the requirements, and keep "
    "the bigger role as a later goal.",
)
ASK_DAY_TO_DAY = _Lesson(
    "Ask how the team works day to day",
    LessonCategory.RESEARCH,
    "In the next interview, ask what a normal week looks like and how the team makes decisions.",
    for_interviews=True,
)


#: From the reason category: the lessons, and why they are suggested.
CATEGORY_RULES: dict[ReasonCategory, tuple[tuple[_Lesson, str], ...]] = {
    ReasonCategory.EXPERIENCE: (
        (SHOW_EXPERIENCE, "They said someone had more experience."),
        (TARGET_LESS_EXPERIENCE, "They said someone had more experience."),
    ),
    ReasonCategory.SKILLS: ((CLOSE_SKILL_GAP, "The reason given was about skills."),),
    ReasonCategory.INTERVIEW: ((PRACTISE_OUT_LOUD, "The reason given was about the interview."),),
    ReasonCategory.CULTURE: ((RESEARCH_CULTURE, "The reason given was about culture fit."),),
    ReasonCategory.SALARY: ((CHECK_SALARY_RANGE, "The reason given was about salary."),),
    ReasonCategory.LOCATION: ((CONFIRM_LOCATION, "The reason given was about location."),),
    ReasonCategory.INTERNAL: ((NOT_ABOUT_YOU, "The role went to an internal candidate."),),
    ReasonCategory.ROLE_CLOSED: ((NOT_ABOUT_YOU, "The role was closed or filled."),),
    ReasonCategory.UNKNOWN: (),
}


@dataclass(frozen=True)
class FeedbackRule:
    """A lesson suggested when the casefolded feedback contains one of *words*.

    A word written as ``\\bstar\\b`` is a regular expression (whole word only);
    every other word matches anywhere, so "communicat" finds "communication".
    """

    words: tuple[str, ...]
    lesson: _Lesson

    def matched_word(self, feedback: str) -> str | None:
        for word in self.words:
            if word.startswith("\\b"):
                if re.search(word, feedback):
                    return word.replace("\\b", "")
            elif word in feedback:
                return word
        return None


FEEDBACK_RULES: tuple[FeedbackRule, ...] = (
    FeedbackRule(("experience", "senior"), SHOW_EXPERIENCE),
    FeedbackRule(("communicat", "structure", "examples", r"\bstar\b"), STRUCTURED_EXAMPLES),
    FeedbackRule(("technical", "coding", "skill"), CLOSE_SKILL_GAP),
    FeedbackRule(("culture", "team fit"), RESEARCH_CULTURE),
    FeedbackRule(("salary", "budget", "expectations"), CHECK_SALARY_RANGE),
)


@dataclass(frozen=True)
class FitRule:
    applies: Callable[[FitAnswers], bool]
    lesson: _Lesson
    reason: str


FIT_RULES: tuple[FitRule, ...] = (
    FitRule(
        _escape_into_similar_role,
        APPLY_TOWARDS,
        "You wanted out of your current job, and this role was very like it.",
    ),
    FitRule(
        lambda a: _at_least(a.over_my_head, 4),
        ONE_STEP_CLOSER,
        "You felt this role might have been over your head.",
    ),
    FitRule(
        lambda a: _at_most(a.personality_fit, 2),
        ASK_DAY_TO_DAY,
        "You felt the role might not have suited your personality.",
    ),
)


def suggest_lessons(
    *, reason_category: ReasonCategory, feedback: str, fit: FitAnswers
) -> list[LessonSuggestion]:
    """Lessons worth considering: from the category, then the feedback, then the fit answers.

    A lesson suggested twice is listed once, with the first reason found.
    """
    found = [lesson.because(reason) for lesson, reason in CATEGORY_RULES.get(reason_category, ())]
    text = feedback.casefold()
    for feedback_rule in FEEDBACK_RULES:
        word = feedback_rule.matched_word(text)
        if word is not None:
            found.append(feedback_rule.lesson.because(f'The feedback mentioned "{word}".'))
    found.extend(rule.lesson.because(rule.reason) for rule in FIT_RULES if rule.applies(fit))

    seen: set[str] = set()
    unique = []
    for suggestion in found:
        if suggestion.text not in seen:
            seen.add(suggestion.text)
            unique.append(suggestion)
    return unique


# -- asking for feedback ------------------------------------------------------------


def _the_role_at(role: str, company: str) -> str:
    """ "the Analyst role at Acme", leaving out whichever part is missing."""
    phrase = f"the {role} role" if role else "the role"
    return f"{phrase} at {company}" if company else phrase


def draft_thank_you(*, contact_name: str, role: str, company: str) -> str:
    """A short, warm thank-you that sincerely asks what would have made the difference."""
    name, role, company = contact_name.strip(), role.strip(), company.strip()
    greeting = f"Dear {name}," if name else "Hello,"
    future = f"future roles at {company}" if company else "future roles"
    return "\n\n".join(
        (
            greeting,
            f"Thank you for your time and for the conversation about "
            f"{_the_role_at(role, company)}.",
            "I was disappointed to hear that I was not chosen, but I am grateful "
            "for the chance to talk with you and to learn about the work.",
            "If you are able to, I would sincerely appreciate knowing what made you "
            "choose someone else, or what would have made my application stronger. "
            "Any honest word would help me as I keep looking.",
            f"I would be glad to be considered for {future}.",
            "Kind regards,\n",
        )
    )


def feedback_subject(*, role: str, company: str) -> str:
    """The subject line of the thank-you note."""
    role, company = role.strip(), company.strip()
    if role and company:
        return f"Thank you – {role} at {company}"
    if role or company:
        return f"Thank you – {role or company}"
    return "Thank you"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _encode(value: str, safe: str = "") -> str:
    """Percent-encode *value* as UTF-8; lone surrogates become U+FFFD rather than failing."""
    return quote(_LONE_SURROGATE.sub("\ufffd", value), safe=safe)


def _lf_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def mailto_link(*, to: str, subject: str, body: str) -> str:
    """A ``mailto:`` link that opens a draft exactly as written.

    Every value is fully percent-encoded, so nothing typed (``&``, ``?``, ``#``,
    a comma in the address) can add recipients or parameters. Newlines are sent
    as ``%0A``.
    """
    address = _encode(to.strip(), safe="@")
    return (
        f"mailto:{address}?subject={_encode(_lf_newlines(subject))}"
        f"&body={_encode(_lf_newlines(body))}"
    )


# -- storing motivations ------------------------------------------------------------


def parse_motivations(stored: str) -> frozenset[Motivation]:
    """The motivations in a stored comma-separated list; unknown values are ignored."""
    known = {m.value: m for m in Motivation}
    return frozenset(known[v] for part in stored.split(",") if (v := part.strip()) in known)


def store_motivations(motivations: frozenset[Motivation]) -> str:
    """The stored form: the enum values, sorted and comma-separated."""
    return ",".join(sorted(m.value for m in motivations))
