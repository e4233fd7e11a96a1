"""SQLAlchemy 2 typed declarative models: one session and everything the meeting records."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from facilitator.db.choices import (  # re-exported: models.SEVERITIES and so on
    ACTION_KINDS as ACTION_KINDS,
    ACTION_STATUSES as ACTION_STATUSES,
    CATEGORIES as CATEGORIES,
    DEPTHS as DEPTHS,
    GATES as GATES,
    IMPACT_FIELDS as IMPACT_FIELDS,
    KEY_TIMES as KEY_TIMES,
    KINDS as KINDS,
    LISTS as LISTS,
    PRIORITIES as PRIORITIES,
    ROLES as ROLES,
    SEVERITIES as SEVERITIES,
    STATUSES as STATUSES,
)

# Constraint names are spelled out so Alembic's batch mode can find them again on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: stored as naive UTC (SQLite has no zones), always read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing a naive datetime: every stored time is an instant")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON}


def _fk(target: str) -> Any:
    return ForeignKey(target, ondelete="CASCADE")


class Session(Base):
    """One post-mortem: the incident, the meeting's record, where the facilitator left it."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(Text)
    incident_ref: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(8), default="SEV3")
    depth: Mapped[str] = mapped_column(String(16), default="standard")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    incident_lead: Mapped[str] = mapped_column(Text, default="")
    facilitator: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    started_at: Mapped[datetime | None]
    detected_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    mitigated_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    meeting_at: Mapped[datetime | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    opener: Mapped[str] = mapped_column(Text, default="")
    impact_customers: Mapped[str] = mapped_column(Text, default="")
    impact_revenue: Mapped[str] = mapped_column(Text, default="")
    impact_reputation: Mapped[str] = mapped_column(Text, default="")
    impact_internal: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Meeting state (revision 0002): where the facilitator left off, the timer, the trash.
    current_step: Mapped[str] = mapped_column(String(32), default="details")
    step_elapsed: Mapped[dict[str, Any]] = mapped_column(default=dict)
    deleted_at: Mapped[datetime | None]

    labels: Mapped[list[Label]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Label.position"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Participant.position"
    )
    timeline: Mapped[list[TimelineEntry]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(TimelineEntry.at, TimelineEntry.position)",
    )
    items: Mapped[list[ListItem]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(ListItem.list, ListItem.position)",
    )
    why_chains: Mapped[list[WhyChain]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="WhyChain.position"
    )
    factors: Mapped[list[Factor]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(Factor.position)",
    )
    actions: Mapped[list[ActionItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ActionItem.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Attachment.position"
    )
    reviews: Mapped[list[ActionReview]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ActionReview.reviewed_at"
    )

    def labels_of(self, kind: str) -> list[str]:
        return [label.value for label in self.labels if label.kind == kind]

    @property
    def services(self) -> list[str]:
        return self.labels_of("service")

    @property
    def tags(self) -> list[str]:
        return self.labels_of("tag")

    def items_of(self, list_name: str) -> list[ListItem]:
        return [item for item in self.items if item.list == list_name]


class Label(Base):
    """A service or a tag on a session: a row each, so the library can filter and count them."""

    __tablename__ = "labels"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "service" or "tag"
    value: Mapped[str] = mapped_column(Text, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    session: Mapped[Session] = relationship(back_populates="labels")


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16), default="responder")
    team: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[Session] = relationship(back_populates="participants")


class TimelineEntry(Base):
    """Something that happened; read in time order, `position` only breaks ties."""

    __tablename__ = "timeline_entries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    at: Mapped[datetime]
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16), default="note")
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    key: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    internal: Mapped[bool] = mapped_column(Boolean, default=False)  # left out of public write-ups
    attachment_id: Mapped[str | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL")
    )

    session: Mapped[Session] = relationship(back_populates="timeline")
    attachment: Mapped[Attachment | None] = relationship()


class ListItem(Base):
    """An entry of went well, went poorly, where we got lucky or the parking lot."""

    __tablename__ = "list_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    list: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    internal: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[Session] = relationship(back_populates="items")


class WhyChain(Base):
    __tablename__ = "why_chains"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[Session] = relationship(back_populates="why_chains")
    whys: Mapped[list[Why]] = relationship(
        back_populates="chain", cascade="all, delete-orphan", order_by="Why.position"
    )


class Why(Base):
    __tablename__ = "whys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    chain_id: Mapped[str] = mapped_column(_fk("why_chains.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")

    chain: Mapped[WhyChain] = relationship(back_populates="whys")


class Factor(Base):
    """A node of the contributing-factor tree; nodes without a parent hang under the incident."""

    __tablename__ = "factors"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(_fk("factors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(16), default="technical")
    gate: Mapped[str | None] = mapped_column(String(8))
    unknown: Mapped[bool] = mapped_column(Boolean, default=False)  # "?": not yet known

    session: Mapped[Session] = relationship(back_populates="factors")
    evidence: Mapped[list[FactorEvidence]] = relationship(
        back_populates="factor", cascade="all, delete-orphan", order_by="FactorEvidence.position"
    )
    parent: Mapped[Factor | None] = relationship(back_populates="children", remote_side=[id])
    children: Mapped[list[Factor]] = relationship(
        back_populates="parent", order_by="Factor.position", passive_deletes=True
    )


class FactorEvidence(Base):
    """A timeline entry a factor cites as its evidence."""

    __tablename__ = "factor_evidence"
    __table_args__ = (UniqueConstraint("factor_id", "entry_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    factor_id: Mapped[str] = mapped_column(_fk("factors.id"), index=True)
    entry_id: Mapped[str] = mapped_column(_fk("timeline_entries.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    factor: Mapped[Factor] = relationship(back_populates="evidence")


class ActionItem(Base):
    __tablename__ = "action_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[date | None] = mapped_column(Date)
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(8), default="should")
    kind: Mapped[str] = mapped_column(String(16), default="prevent")
    status: Mapped[str] = mapped_column(String(16), default="open")
    completed_at: Mapped[datetime | None]
    rationale: Mapped[str] = mapped_column(Text, default="")
    tracker_url: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[Session] = relationship(back_populates="actions")
    addresses: Mapped[list[ActionTarget]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionTarget.position"
    )


class ActionTarget(Base):
    """What an action item addresses: one factor or one why chain's root cause."""

    __tablename__ = "action_targets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    action_id: Mapped[str] = mapped_column(_fk("action_items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    factor_id: Mapped[str | None] = mapped_column(_fk("factors.id"), index=True)
    chain_id: Mapped[str | None] = mapped_column(_fk("why_chains.id"), index=True)

    action: Mapped[ActionItem] = relationship(back_populates="addresses")
    factor: Mapped[Factor | None] = relationship()
    chain: Mapped[WhyChain | None] = relationship()


class Attachment(Base):
    """Evidence kept inside the database, so a session file is complete on its own."""

    __tablename__ = "attachments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(128), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    caption: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[Session] = relationship(back_populates="attachments")


REVIEW_VERDICTS = ("done", "slipped", "criteria_not_met")


class ActionReview(Base):
    """The effectiveness review: a later session's verdict on an earlier session's action."""

    __tablename__ = "action_reviews"
    __table_args__ = (UniqueConstraint("session_id", "action_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(_fk("sessions.id"), index=True)
    action_id: Mapped[str] = mapped_column(_fk("action_items.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[Session] = relationship(back_populates="reviews")
    action: Mapped[ActionItem] = relationship()
