"""Facts a deployment keeps about itself, shared by every instance: which SECRET_KEY the data was made with (a
verifier, not the key), and the OPERATOR_IDS last applied to the operators table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow


class DeploymentFact(SQLModel, table=True):
    __tablename__ = "deployment_facts"

    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
