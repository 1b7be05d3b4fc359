"""The fixed choices the product offers, stored as short stable codes.

The database stores the enum *value*; the label is what a person reads.
Labels may be reworded freely; values never change once released.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a human label: ``Member = ("code", "Label")``."""

    label: str

    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member


class WorkMode(LabelledEnum):
    UNKNOWN = ("unknown", "Not stated")
    ONSITE = ("onsite", "On site")
    HYBRID = ("hybrid", "Hybrid")
    REMOTE = ("remote", "Remote")


class ContactRole(LabelledEnum):
    RECRUITER = ("recruiter", "Recruiter")
    HIRING_MANAGER = ("hiring_manager", "Hiring manager")
    INTERVIEWER = ("interviewer", "Interviewer")
    REFERRAL = ("referral", "Referral")
    OTHER = ("other", "Other")


class InterviewKind(LabelledEnum):
    PHONE = ("phone", "Phone call")
    VIDEO = ("video", "Video call")
    ONSITE = ("onsite", "On site")
    TECHNICAL = ("technical", "Technical / task")
    PANEL = ("panel", "Panel")
    OTHER = ("other", "Other")


class RejectionChannel(LabelledEnum):
    PHONE = ("phone", "Phone call")
    EMAIL = ("email", "E-mail")
    PORTAL = ("portal", "Job portal")
    IN_PERSON = ("in_person", "In person")
    NEVER_HEARD = ("never_heard", "Never heard back")


class ReasonCategory(LabelledEnum):
    EXPERIENCE = ("experience", "Experience or level")
    SKILLS = ("skills", "Skills")
    INTERVIEW = ("interview", "Interview performance")
    CULTURE = ("culture", "Culture fit")
    SALARY = ("salary", "Salary")
    LOCATION = ("location", "Location")
    INTERNAL = ("internal", "Internal candidate")
    ROLE_CLOSED = ("role_closed", "Role closed or filled")
    UNKNOWN = ("unknown", "Unknown")


class RejectionStatus(LabelledEnum):
    DRAFT = ("draft", "Reflection pending")
    COMPLETE = ("complete", "Complete")


class Motivation(LabelledEnum):
    INTEREST = ("interest", "Genuine interest in the work")
    ESCAPE = ("escape", "Wanting out of my current job")
    PAY = ("pay", "Pay")
    LOCATION = ("location", "Location")
    PRESTIGE = ("prestige", "Prestige")
    OTHER = ("other", "Something else")


class LessonStatus(LabelledEnum):
    OPEN = ("open", "Open")
    PRACTISING = ("practising", "Practising")
    DONE = ("done", "Done")


class LessonCategory(LabelledEnum):
    EXPERIENCE = ("experience", "Showing experience")
    SKILLS = ("skills", "Skills")
    INTERVIEWING = ("interviewing", "Interviewing")
    RESEARCH = ("research", "Researching employers")
    TARGETING = ("targeting", "Choosing what to apply for")
    NEGOTIATION = ("negotiation", "Salary and terms")
    SELF_CARE = ("self_care", "Looking after yourself")
    OTHER = ("other", "Other")


#: Excitement and confidence are small integer scales; 0 means "not set".
SCALE_MIN = 0
SCALE_MAX = 5
