"""Column sets the migration scripts share, so each script lists a table's own columns once.

Frozen like the scripts themselves: a released migration must build the same schema forever,
so nothing here is changed after release (a later migration that needs another set adds a new
function). Never import the app's models here: they move on, the migrations do not.
Each call returns new ``Column`` objects (a column belongs to one table).
"""
from __future__ import annotations

import sqlalchemy as sa


def owned(id_type: object = sa.Integer) -> list[sa.Column]:
    """A row that belongs to an API key: its id (an integer unless told), then its indexed
    ``key_id``."""
    return [sa.Column("id", id_type, primary_key=True),
            sa.Column("key_id", sa.Integer, sa.ForeignKey("api_keys.id"), nullable=False, index=True)]


def required(**types: object) -> list[sa.Column]:
    """NOT NULL columns without index or key, in the order given: ``required(name=sa.Text)``."""
    return [sa.Column(name, type_, nullable=False) for name, type_ in types.items()]


def optional(**types: object) -> list[sa.Column]:
    """Nullable columns without index or key, in the order given."""
    return [sa.Column(name, type_) for name, type_ in types.items()]


def pii_summary() -> list[sa.Column]:
    """What a job or a dataset says about its privacy: masked or not, and its findings."""
    return required(privacy_applied=sa.Boolean, pii_findings_count=sa.Integer,
                    pii_type_summary=sa.Text)
