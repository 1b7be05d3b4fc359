"""The rules behind the reflection pages: observations, lesson ideas, the thank-you note."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobdesk.domain.reflection import (
    OBSERVATION_RULES,
    FitAnswers,
    LessonSuggestion,
    Observation,
    draft_thank_you,
    feedback_subject,
    mailto_link,
    observations,
    parse_motivations,
    store_motivations,
    suggest_lessons,
)
from jobdesk.domain.vocabulary import LessonCategory, Motivation, ReasonCategory

ESCAPE = Motivation.ESCAPE
INTEREST = Motivation.INTEREST
PAY = Motivation.PAY
PRESTIGE = Motivation.PRESTIGE


def fit(*motivations: Motivation, **scales: Any) -> FitAnswers:
    return FitAnswers(motivations=frozenset(motivations), **scales)


def keys(answers: FitAnswers) -> list[str]:
    return [o.key for o in observations(answers)]


# -- observations -------------------------------------------------------------------


def test_nothing_answered_says_nothing() -> None:
    assert observations(FitAnswers()) == []
    assert observations(fit(similarity=0, over_my_head=0, personality_fit=0, right_job=0)) == []


@pytest.mark.parametrize(
    ("answers", "key", "expected"),
    [
        (fit(ESCAPE, similarity=4), "escape_similar_role", True),
        (fit(ESCAPE, similarity=5), "escape_similar_role", True),
        (fit(ESCAPE, similarity=3), "escape_similar_role", False),
        (fit(ESCAPE), "escape_similar_role", False),
        (fit(INTEREST, similarity=5), "escape_similar_role", False),
        (fit(ESCAPE), "escape_without_interest", True),
        (fit(ESCAPE, INTEREST), "escape_without_interest", False),
        (fit(INTEREST), "escape_without_interest", False),
        (fit(over_my_head=4), "over_my_head", True),
        (fit(over_my_head=3), "over_my_head", False),
        (fit(personality_fit=2), "personality_stifled", True),
        (fit(personality_fit=1), "personality_stifled", True),
        (fit(personality_fit=3), "personality_stifled", False),
        (fit(personality_fit=0), "personality_stifled", False),
        (fit(right_job=2), "not_right_for_me", True),
        (fit(blessing_in_disguise=True), "not_right_for_me", True),
        (fit(right_job=3), "not_right_for_me", False),
        (fit(right_job=0), "not_right_for_me", False),
        (fit(INTEREST, right_job=4), "interest_stings", True),
        (fit(INTEREST, right_job=3), "interest_stings", False),
        (fit(right_job=5), "interest_stings", False),
        (fit(PAY), "pay_or_prestige_without_interest", True),
        (fit(PRESTIGE), "pay_or_prestige_without_interest", True),
        (fit(PAY, INTEREST), "pay_or_prestige_without_interest", False),
        (fit(Motivation.LOCATION, Motivation.OTHER), "pay_or_prestige_without_interest", False),
    ],
)
def test_each_observation_rule(answers: FitAnswers, key: str, expected: bool) -> None:
    assert (key in keys(answers)) is expected


def test_observations_come_most_important_first() -> None:
    everything = fit(ESCAPE, PAY, similarity=5, over_my_head=5, personality_fit=1, right_job=1)
    assert keys(everything) == [
        "escape_similar_role",
        "escape_without_interest",
        "over_my_head",
        "personality_stifled",
        "not_right_for_me",
        "pay_or_prestige_without_interest",
    ]
    assert keys(fit(INTEREST, right_job=5, blessing_in_disguise=True)) == [
        "not_right_for_me",
        "interest_stings",
    ]


def test_observation_texts_are_short_kind_and_plain() -> None:
    assert len({rule.key for rule in OBSERVATION_RULES}) == len(OBSERVATION_RULES)
    for rule in OBSERVATION_RULES:
        assert rule.text.count(". ") <= 1 and rule.text.endswith(".")
        assert "!" not in rule.text
        assert rule.text.isascii()  # no emoji
    found = observations(fit(ESCAPE, similarity=4))[0]
    assert isinstance(found, Observation) and "followed you" in found.text


# -- lesson suggestions -------------------------------------------------------------


def suggest(
    category: ReasonCategory = ReasonCategory.UNKNOWN,
    feedback: str = "",
    answers: FitAnswers | None = None,
) -> list[LessonSuggestion]:
    return suggest_lessons(reason_category=category, feedback=feedback, fit=answers or FitAnswers())


def test_nothing_known_suggests_nothing() -> None:
    assert suggest() == []


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (
            ReasonCategory.EXPERIENCE,
            [
                ("Show applicable experience more clearly", LessonCategory.EXPERIENCE, False),
                (
                    "Aim for roles asking a little less experience, or build the missing piece",
                    LessonCategory.TARGETING,
                    False,
                ),
            ],
        ),
        (
            ReasonCategory.SKILLS,
            [("Name the skill gap and close it with a small step", LessonCategory.SKILLS, False)],
        ),
        (
            ReasonCategory.INTERVIEW,
            [("Practise interview answers out loud", LessonCategory.INTERVIEWING, True)],
        ),
        (
            ReasonCategory.CULTURE,
            [
                (
                    "Research the culture before applying, and ask about it",
                    LessonCategory.RESEARCH,
                    True,
                )
            ],
        ),
        (
            ReasonCategory.SALARY,
            [("Check the salary range early", LessonCategory.NEGOTIATION, False)],
        ),
        (
            ReasonCategory.LOCATION,
            [
                (
                    "Confirm location and work mode before applying",
                    LessonCategory.TARGETING,
                    False,
                )
            ],
        ),
        (
            ReasonCategory.INTERNAL,
            [("Some decisions are not about you", LessonCategory.SELF_CARE, False)],
        ),
        (
            ReasonCategory.ROLE_CLOSED,
            [("Some decisions are not about you", LessonCategory.SELF_CARE, False)],
        ),
        (ReasonCategory.UNKNOWN, []),
    ],
)
def test_each_reason_category_suggests_its_lessons(
    category: ReasonCategory, expected: list[tuple[str, LessonCategory, bool]]
) -> None:
    found = suggest(category)
    assert [(s.text, s.category, s.for_interviews) for s in found] == expected
    for suggestion in found:
        assert suggestion.action and suggestion.reason


def test_every_reason_category_has_a_rule() -> None:
    for category in ReasonCategory:
        suggest(category)  # no KeyError, no surprise


def test_the_experience_reason_quotes_what_they_said() -> None:
    assert suggest(ReasonCategory.EXPERIENCE)[0].reason == "They said someone had more experience."


@pytest.mark.parametrize(
    ("feedback", "text"),
    [
        ("Another candidate had more Experience.", "Show applicable experience more clearly"),
        ("We went with someone more SENIOR", "Show applicable experience more clearly"),
        ("Your communication was a little vague", "Answer with short, structured examples"),
        ("Answers lacked structure", "Answer with short, structured examples"),
        ("More concrete examples would help", "Answer with short, structured examples"),
        ("Try the STAR method", "Answer with short, structured examples"),
        ("The technical task was incomplete", "Name the skill gap and close it with a small step"),
        ("The coding round", "Name the skill gap and close it with a small step"),
        ("Missing some skills we need", "Name the skill gap and close it with a small step"),
        ("Not the right culture", "Research the culture before applying, and ask about it"),
        ("Team fit concerns", "Research the culture before applying, and ask about it"),
        ("Your salary wish was high", "Check the salary range early"),
        ("Above our budget", "Check the salary range early"),
        ("Expectations did not match", "Check the salary range early"),
    ],
)
def test_each_feedback_keyword_suggests_its_lesson(feedback: str, text: str) -> None:
    found = suggest(feedback=feedback)
    assert [s.text for s in found] == [text]
    assert found[0].reason.startswith("The feedback mentioned")


@pytest.mark.parametrize(
    "feedback",
    [
        "",
        "Thank you for applying, we wish you well.",
        "She was a real startup person",  # "star" only as a whole word
        "We found a better match",
    ],
)
def test_feedback_without_keywords_suggests_nothing(feedback: str) -> None:
    assert suggest(feedback=feedback) == []


def test_structured_examples_come_back_before_interviews() -> None:
    (found,) = suggest(feedback="Use the STAR format")
    assert found.category is LessonCategory.INTERVIEWING and found.for_interviews


@pytest.mark.parametrize(
    ("answers", "text", "category", "for_interviews"),
    [
        (
            fit(ESCAPE, similarity=4),
            "Apply towards something, not only away",
            LessonCategory.TARGETING,
            False,
        ),
        (
            fit(over_my_head=4),
            "Look at roles one step closer to where you are now",
            LessonCategory.TARGETING,
            False,
        ),
        (
            fit(personality_fit=2),
            "Ask how the team works day to day",
            LessonCategory.RESEARCH,
            True,
        ),
    ],
)
def test_each_fit_rule_suggests_its_lesson(
    answers: FitAnswers, text: str, category: LessonCategory, for_interviews: bool
) -> None:
    (found,) = suggest(answers=answers)
    assert (found.text, found.category, found.for_interviews) == (text, category, for_interviews)
    assert found.action and found.reason


@pytest.mark.parametrize(
    "answers",
    [
        fit(ESCAPE, similarity=3),
        fit(INTEREST, similarity=5),
        fit(over_my_head=3),
        fit(personality_fit=3),
        fit(personality_fit=0),
        fit(INTEREST, PAY, right_job=1, blessing_in_disguise=True),
    ],
)
def test_fit_answers_below_the_thresholds_suggest_nothing(answers: FitAnswers) -> None:
    assert suggest(answers=answers) == []


def test_suggestions_are_deduplicated_keeping_the_first_reason() -> None:
    found = suggest(
        ReasonCategory.EXPERIENCE, "They wanted someone more senior with more experience."
    )
    assert [s.text for s in found] == [
        "Show applicable experience more clearly",
        "Aim for roles asking a little less experience, or build the missing piece",
    ]
    assert found[0].reason == "They said someone had more experience."


def test_suggestions_come_in_order_category_then_feedback_then_fit() -> None:
    found = suggest(
        ReasonCategory.SALARY,
        "Budget was tight; also the coding task and your communication.",
        fit(ESCAPE, similarity=5, over_my_head=5, personality_fit=1),
    )
    assert [s.text for s in found] == [
        "Check the salary range early",
        "Answer with short, structured examples",
        "Name the skill gap and close it with a small step",
        "Apply towards something, not only away",
        "Look at roles one step closer to where you are now",
        "Ask how the team works day to day",
    ]


def test_every_suggestion_reads_well() -> None:
    found = suggest(
        ReasonCategory.EXPERIENCE,
        "experience communication coding culture salary",
        fit(ESCAPE, similarity=5, over_my_head=5, personality_fit=1),
    )
    found += suggest(ReasonCategory.INTERVIEW) + suggest(ReasonCategory.INTERNAL)
    found += suggest(ReasonCategory.LOCATION)
    assert len(found) == 12
    for suggestion in found:
        assert len(suggestion.text) <= 80
        for words in (suggestion.text, suggestion.action, suggestion.reason):
            assert "!" not in words and words.isascii()
        assert suggestion.action.endswith(".") and suggestion.reason.endswith(".")


# -- thank-you note -----------------------------------------------------------------


def test_thank_you_names_the_contact_role_and_company() -> None:
    note = draft_thank_you(contact_name="Anna Berg", role="Data Analyst", company="Acme")
    assert note.startswith("Dear Anna Berg,\n\n")
    assert "the conversation about the Data Analyst role at Acme." in note
    assert "disappointed" in note and "grateful" in note
    assert "choose someone else" in note and "application stronger" in note
    assert "honest word would help" in note
    assert "considered for future roles at Acme." in note
    assert note.rstrip().endswith("Kind regards,")
    assert "!" not in note and "<" not in note


def test_thank_you_without_a_name_says_hello() -> None:
    note = draft_thank_you(contact_name="  ", role="Engineer", company="Acme")
    assert note.startswith("Hello,\n\n")


@pytest.mark.parametrize(
    ("role", "company", "about", "future"),
    [
        ("Engineer", "", "about the Engineer role.", "for future roles."),
        ("", "Acme", "about the role at Acme.", "for future roles at Acme."),
        ("", "", "about the role.", "for future roles."),
        (" Engineer ", " Acme ", "about the Engineer role at Acme.", "future roles at Acme."),
    ],
)
def test_thank_you_without_role_or_company_still_reads_well(
    role: str, company: str, about: str, future: str
) -> None:
    note = draft_thank_you(contact_name="", role=role, company=company)
    assert about in note and future in note
    assert "  " not in note and " ." not in note and " ," not in note and "at ." not in note


def test_thank_you_keeps_non_ascii_and_markup_exactly() -> None:
    note = draft_thank_you(contact_name="Jürgen Öztürk", role="<b>Dev</b>", company="日本 & Co 🙂")
    assert note.startswith("Dear Jürgen Öztürk,")
    assert "the <b>Dev</b> role at 日本 & Co 🙂." in note


def test_feedback_subject() -> None:
    assert feedback_subject(role="Engineer", company="Acme") == "Thank you – Engineer at Acme"
    assert feedback_subject(role="Engineer", company=" ") == "Thank you – Engineer"
    assert feedback_subject(role="", company="Acme") == "Thank you – Acme"
    assert feedback_subject(role="", company="") == "Thank you"


# -- mailto links -------------------------------------------------------------------


def test_mailto_encodes_spaces_as_percent_20_and_keeps_the_at_sign() -> None:
    link = mailto_link(to=" anna@example.com ", subject="Thank you", body="Hello there")
    assert link == "mailto:anna@example.com?subject=Thank%20you&body=Hello%20there"


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        ("a b", "a%20b"),
        ("R&D", "R%26D"),
        ("why?", "why%3F"),
        ("#1", "%231"),
        ("a=b", "a%3Db"),
        ("C++", "C%2B%2B"),
        ("50%", "50%25"),
        ("Grüße", "Gr%C3%BC%C3%9Fe"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("🙂", "%F0%9F%99%82"),
        ("a\nb", "a%0Ab"),
        ("a\r\nb", "a%0Ab"),
        ("a\rb", "a%0Ab"),
        ("a/b", "a%2Fb"),
    ],
)
def test_mailto_encodes_every_special_character(text: str, encoded: str) -> None:
    link = mailto_link(to="", subject=text, body=text)
    assert link == f"mailto:?subject={encoded}&body={encoded}"


def test_mailto_with_no_address() -> None:
    assert mailto_link(to="  ", subject="", body="") == "mailto:?subject=&body="


@pytest.mark.parametrize(
    "to",
    [
        "anna@example.com?cc=boss@example.com",
        "anna@example.com&bcc=x@example.com",
        "anna@example.com#frag",
        "anna@example.com, bob@example.com",
        "anna @example.com",
    ],
)
def test_a_strange_address_cannot_inject_parameters(to: str) -> None:
    link = mailto_link(to=to, subject="s", body="b")
    parts = urlsplit(link)
    assert parts.fragment == ""
    assert set(parse_qs(parts.query, keep_blank_values=True)) == {"subject", "body"}
    assert unquote(parts.path) == to.strip()
    assert " " not in link and "#" not in link and "," not in link and link.count("?") == 1


def test_lone_surrogates_do_not_break_the_link() -> None:
    assert mailto_link(to="", subject="a\ud800", body="") == "mailto:?subject=a%EF%BF%BD&body="


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


no_surrogates = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))


@given(to=no_surrogates, subject=no_surrogates, body=no_surrogates)
def test_mailto_round_trips_any_text(to: str, subject: str, body: str) -> None:
    link = mailto_link(to=to, subject=subject, body=body)
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query == {"subject": [normalised(subject)], "body": [normalised(body)]}
    assert unquote(parts.path) == to.strip()
    assert " " not in link and "#" not in link and link.count("?") == 1
    assert "\n" not in link and "\r" not in link


# -- stored motivations -------------------------------------------------------------


def test_motivations_are_stored_sorted_and_read_back() -> None:
    chosen = frozenset({Motivation.PAY, Motivation.ESCAPE, Motivation.INTEREST})
    stored = store_motivations(chosen)
    assert stored == "escape,interest,pay"
    assert parse_motivations(stored) == chosen
    assert store_motivations(frozenset()) == "" and parse_motivations("") == frozenset()


def test_unknown_or_messy_stored_motivations_are_ignored() -> None:
    assert parse_motivations(" pay , ,boredom,PAY,escape,") == {Motivation.PAY, ESCAPE}


@given(st.frozensets(st.sampled_from(Motivation)))
def test_any_set_of_motivations_round_trips(chosen: frozenset[Motivation]) -> None:
    assert parse_motivations(store_motivations(chosen)) == chosen
