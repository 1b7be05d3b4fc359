"""peewee models of the current schema.

The tables themselves are created by the migrations (``schema_v1.py`` and
``migrations.py``), never by ``create_tables``; a test checks that these
models and the migrated schema agree column for column.

Models carry no database of their own: ``open_database`` binds them to the
one it opens, and services bind them again around each call
(``bound_to(db)``), so two open stores in one process never cross.

Timestamps (``*_at``) are naive UTC; dates (``*_on``) are the user's
calendar dates as they entered them.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CompositeKey,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


class BaseModel(Model):
    class Meta:
        database = None
        legacy_table_names = False


class Stage(BaseModel):
    id = AutoField()
    name = TextField()
    position = FloatField()
    kind = TextField()
    color = TextField()
    soft_limit = IntegerField(null=True)
    hidden = BooleanField(default=False)
    collapsed = BooleanField(default=False)
    created_at = DateTimeField()


class Application(BaseModel):
    id = AutoField()
    stage = ForeignKeyField(Stage, on_delete="RESTRICT", backref="applications")
    stage_id: int  # the raw column, which peewee adds beside every foreign key
    position = FloatField()
    company = TextField(default="")
    role = TextField(default="")
    posting_url = TextField(default="")
    job_description = TextField(default="")
    location = TextField(default="")
    work_mode = TextField(default="unknown")
    salary_min = IntegerField(null=True)
    salary_max = IntegerField(null=True)
    salary_currency = TextField(default="")
    salary_text = TextField(default="")
    source = TextField(default="")
    excitement = IntegerField(default=0)
    tags = TextField(default="")
    notes = TextField(default="")
    next_action = TextField(default="")
    next_action_on = DateField(null=True)
    saved_on = DateField(null=True)
    applied_on = DateField(null=True)
    closed_on = DateField(null=True)
    archived = BooleanField(default=False)
    stage_entered_at = DateTimeField()
    created_at = DateTimeField()
    updated_at = DateTimeField()


class StageHistory(BaseModel):
    id = AutoField()
    application = ForeignKeyField(Application, on_delete="CASCADE", backref="history")
    from_stage = ForeignKeyField(Stage, null=True, on_delete="SET NULL", backref="+")
    to_stage = ForeignKeyField(Stage, on_delete="RESTRICT", backref="+")
    moved_at = DateTimeField()


class Contact(BaseModel):
    id = AutoField()
    application = ForeignKeyField(Application, on_delete="CASCADE", backref="contacts")
    name = TextField()
    role = TextField(default="other")
    title = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    notes = TextField(default="")


class Interview(BaseModel):
    id = AutoField()
    application = ForeignKeyField(Application, on_delete="CASCADE", backref="interviews")
    held_at = DateTimeField(null=True)
    round = IntegerField(default=1)
    kind = TextField(default="video")
    people = TextField(default="")
    notes = TextField(default="")
    confidence_after = IntegerField(null=True)


class Rejection(BaseModel):
    id = AutoField()
    application = ForeignKeyField(
        Application, on_delete="CASCADE", backref="rejections", unique=True
    )
    status = TextField(default="draft")
    light = BooleanField(default=False)
    draft_page = IntegerField(default=0)
    stage_reached = ForeignKeyField(Stage, null=True, on_delete="SET NULL", backref="+")
    stage_reached_id: int | None  # the raw column
    rejected_on = DateField(null=True)
    channel = TextField(null=True)
    reason_given = TextField(default="")
    reason_category = TextField(default="unknown")
    confidence_before = IntegerField(null=True)
    feedback_note = TextField(default="")
    feedback_requested = BooleanField(default=False)
    feedback_requested_on = DateField(null=True)
    feedback_follow_up_on = DateField(null=True)
    feedback_received = TextField(default="")
    feedback_received_on = DateField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()


class Reflection(BaseModel):
    id = AutoField()
    rejection = ForeignKeyField(Rejection, on_delete="CASCADE", backref="reflections", unique=True)
    motivations = TextField(default="")
    motivation_other = TextField(default="")
    similarity = IntegerField(null=True)
    culture_notes = TextField(default="")
    manager_notes = TextField(default="")
    day_to_day_notes = TextField(default="")
    over_my_head = IntegerField(null=True)
    personality_fit = IntegerField(null=True)
    right_job = IntegerField(null=True)
    blessing_in_disguise = BooleanField(default=False)
    notes = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()


class Lesson(BaseModel):
    id = AutoField()
    text = TextField()
    category = TextField(default="other")
    action = TextField(default="")
    status = TextField(default="open")
    for_interviews = BooleanField(default=False)
    created_at = DateTimeField()
    updated_at = DateTimeField()


class RejectionLesson(BaseModel):
    rejection = ForeignKeyField(Rejection, on_delete="CASCADE", backref="lesson_links")
    lesson = ForeignKeyField(Lesson, on_delete="CASCADE", backref="rejection_links")

    class Meta:
        primary_key = CompositeKey("rejection", "lesson")


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


#: Every model, parents before children (the order tables are filled in).
ALL_MODELS: tuple[type[BaseModel], ...] = (
    Stage,
    Application,
    StageHistory,
    Contact,
    Interview,
    Rejection,
    Reflection,
    Lesson,
    RejectionLesson,
    Setting,
)
