"""The words demo data is made of: names, roles, places, reasons and lessons."""

from __future__ import annotations

from jobdesk.domain.vocabulary import LessonCategory, ReasonCategory

# fmt: off
COMPANY_FIRST = (
    "North", "Blue", "Silver", "Bright", "Open", "Green", "Clear", "Red", "Stone", "Cedar",
    "Harbor", "Summit", "River", "Iron", "Maple", "Lumen", "Nimbus", "Quartz", "Atlas", "Orbit",
    "Pioneer", "Beacon", "Copper", "Falcon", "Juniper", "Kestrel", "Meridian", "Oak", "Polar",
    "Sable", "Tidal", "Vertex", "Willow", "Zephyr", "Alder", "Birch", "Coral", "Delta", "Ember",
)
COMPANY_SECOND = (
    "wind", "field", "line", "path", "works", "forge", "bridge", "point", "gate", "leaf",
    "stone", "light", "wave", "peak", "ridge", "brook", "lane", "spark", "crest", "vale",
)
COMPANY_SUFFIX = (
    "", " Labs", " Analytics", " Health", " Logistics", " Software", " Energy", " Foods",
    " Bank", " Media", " Robotics", " Studio", " Group", " Systems", " Insurance", " Games",
)
ROLES = (
    "Software Engineer", "Data Analyst", "Product Manager", "UX Designer", "QA Engineer",
    "DevOps Engineer", "Marketing Coordinator", "Customer Success Manager", "Accountant",
    "Project Coordinator", "HR Generalist", "Sales Representative", "Technical Writer",
    "Data Scientist", "Frontend Developer", "Backend Developer", "Office Manager",
    "Operations Analyst", "Content Strategist", "Support Specialist", "Research Assistant",
    "Business Analyst", "Graphic Designer", "Logistics Planner", "Nurse Educator",
)
SENIORITY = ("Junior ", "", "", "", "Senior ", "Lead ", "Graduate ")
LOCATIONS = (
    "Berlin", "Hamburg", "Munich", "Amsterdam", "Rotterdam", "London", "Manchester", "Leeds",
    "Dublin", "Vienna", "Zurich", "Copenhagen", "Stockholm", "Lisbon", "Barcelona", "Toronto",
    "Boston", "Austin", "Denver", "Remote (EU)", "Remote (worldwide)",
)
SOURCES = (
    "LinkedIn", "Company website", "Referral from a friend", "Recruiter reached out",
    "Indeed", "Job fair", "University careers office", "Meetup", "Newsletter",
)
TAGS = (
    "python", "remote-friendly", "startup", "public sector", "part-time", "visa sponsorship",
    "career change", "dream company", "relocation", "four-day week", "mission-driven",
)
NOTES = (
    "", "",
    "Posting mentions mentoring for new starters.",
    "Team of six; product is used by hospitals.",
    "Recruiter said they move fast; decision within two weeks.",
    "Salary band not listed — ask in the first call.",
    "Friend works there and says the manager is supportive.",
    "Take-home task expected in round two.",
    "Commute would be 25 minutes by bike.",
)
NEXT_ACTIONS = (
    "Send thank-you note", "Prepare portfolio examples", "Follow up with recruiter",
    "Research the team on LinkedIn", "Tailor CV to the posting", "Practise the case study",
)
INTERVIEW_NOTES = (
    "Went well, good rapport.", "Hard system-design question.", "Felt rushed at the end.", "",
)
CULTURE_NOTES = (
    "Friendly team, but long hours were mentioned twice.", "Manager seemed to micromanage.",
    "Very collaborative.", "",
)
FEEDBACK_RECEIVED = (
    "They said my portfolio was strong but another candidate had led a similar project."
)
FIRST_NAMES = (
    "Alex", "Sam", "Priya", "Jonas", "Maria", "Chen", "Fatima", "Lukas", "Aisha", "Tom",
    "Elena", "Kwame", "Sofia", "Noah", "Yuki", "Olga", "Mateo", "Hannah", "Ravi", "Ines",
)
LAST_NAMES = (
    "Meyer", "Okafor", "Nguyen", "Schmidt", "Garcia", "Kowalski", "Haddad", "Jensen", "Rossi",
    "Patel", "Novak", "Silva", "Brown", "Kim", "Dubois", "Moreau", "Larsen", "Yilmaz",
)
REASONS: dict[ReasonCategory, tuple[str, ...]] = {
    ReasonCategory.EXPERIENCE: (
        "We went with a candidate who had more hands-on experience in a similar role.",
        "The role needs someone more senior at this point.",
    ),
    ReasonCategory.SKILLS: (
        "Another candidate had deeper experience with our data stack.",
        "We need stronger SQL skills for this position.",
    ),
    ReasonCategory.INTERVIEW: (
        "The panel felt your answers in the technical round were not concrete enough.",
        "We did not get a clear picture of your impact in previous roles.",
    ),
    ReasonCategory.CULTURE: (
        "We felt another candidate matched the way our team works more closely.",
    ),
    ReasonCategory.SALARY: ("Your expectations were above the budget for this role.",),
    ReasonCategory.LOCATION: ("We need someone in the office three days a week.",),
    ReasonCategory.INTERNAL: ("We decided to fill the position internally.",),
    ReasonCategory.ROLE_CLOSED: ("The position has been put on hold.",),
    ReasonCategory.UNKNOWN: ("", "Unfortunately we will not be moving forward."),
}
#: (lesson text, category, concrete action, relevant to interviews, reason it answers)
LESSONS: tuple[tuple[str, LessonCategory, str, bool, ReasonCategory | None], ...] = (
    ("Show applicable experience more clearly", LessonCategory.EXPERIENCE,
     "Open the CV with two results that match the posting's first three requirements.",
     False, ReasonCategory.EXPERIENCE),
    ("Target roles that ask for less experience", LessonCategory.TARGETING,
     "Filter searches to roles asking for up to three years.", False,
     ReasonCategory.EXPERIENCE),
    ("Use concrete examples with numbers", LessonCategory.INTERVIEWING,
     "Prepare five STAR stories, each ending with a measurable result.", True,
     ReasonCategory.INTERVIEW),
    ("Practise technical questions out loud", LessonCategory.INTERVIEWING,
     "Do one timed mock interview a week with a friend.", True, ReasonCategory.INTERVIEW),
    ("Research the culture before applying", LessonCategory.RESEARCH,
     "Read employee reviews and ask a current employee for 15 minutes.", False,
     ReasonCategory.CULTURE),
    ("Ask about the team's way of working", LessonCategory.INTERVIEWING,
     "Bring three questions about how decisions are made day to day.", True,
     ReasonCategory.CULTURE),
    ("Brush up on SQL", LessonCategory.SKILLS,
     "Finish one practice set of window-function exercises each week.", False,
     ReasonCategory.SKILLS),
    ("Check the salary band early", LessonCategory.NEGOTIATION,
     "Ask for the budget in the first recruiter call.", False, ReasonCategory.SALARY),
    ("Confirm office days before the first interview", LessonCategory.RESEARCH,
     "Ask the recruiter how many days a week are on site.", False, ReasonCategory.LOCATION),
    ("Don't take internal hires personally", LessonCategory.SELF_CARE,
     "Note it, thank them, and ask to be kept in mind for the next opening.", False,
     ReasonCategory.INTERNAL),
    ("Keep applying while waiting", LessonCategory.SELF_CARE,
     "Send two new applications for every one that is pending.", False,
     ReasonCategory.ROLE_CLOSED),
    ("Ask for feedback every time", LessonCategory.OTHER,
     "Send a short thank-you note asking what tipped the decision.", False, None),
)
# fmt: on
