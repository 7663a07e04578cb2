"""The schema the migrations build (``alembic upgrade heads`` on SQLite, read back by
SQLAlchemy reflection) is the schema the models declare: same tables, columns, types,
nullability, keys, foreign keys, indexes and unique constraints. The migrations are frozen
snapshots written by hand, so a model change without its migration (or a migration refactor
that changes a column) fails here."""
from __future__ import annotations

from sqlalchemy import UniqueConstraint, inspect
from sqlalchemy.dialects import sqlite

import flexorch_beam.server.extras_models  # noqa: F401 - registers its tables on Base
import flexorch_beam.server.models  # noqa: F401
import flexorch_beam.server.ratelimit  # noqa: F401
from flexorch_beam.server.db import Base, Database, migrate

DIALECT = sqlite.dialect()


def _type(type_) -> str:  # noqa: ANN001
    return type_.compile(dialect=DIALECT)


def _declared(table) -> dict:  # noqa: ANN001
    uniques = {tuple(c.name for c in constraint.columns) for constraint in table.constraints
               if isinstance(constraint, UniqueConstraint)}
    uniques |= {(c.name,) for c in table.columns if c.unique and not c.index}
    return {
        "columns": {c.name: (_type(c.type), c.nullable, c.primary_key) for c in table.columns},
        "foreign_keys": {(fk.parent.name, fk.column.table.name, fk.column.name)
                         for fk in table.foreign_keys},
        "indexes": {(index.name, tuple(c.name for c in index.columns), bool(index.unique))
                    for index in table.indexes},
        "uniques": uniques,
    }


def _reflected(inspector, name: str) -> dict:  # noqa: ANN001
    primary = set(inspector.get_pk_constraint(name)["constrained_columns"])
    return {
        "columns": {c["name"]: (_type(c["type"]), c["nullable"], c["name"] in primary)
                    for c in inspector.get_columns(name)},
        "foreign_keys": {(local, fk["referred_table"], remote)
                         for fk in inspector.get_foreign_keys(name)
                         for local, remote in zip(fk["constrained_columns"], fk["referred_columns"])},
        "indexes": {(index["name"], tuple(index["column_names"]), bool(index["unique"]))
                    for index in inspector.get_indexes(name)},
        "uniques": {tuple(u["column_names"]) for u in inspector.get_unique_constraints(name)},
    }


def test_migrated_schema_equals_the_models(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'schema.db'}")
    try:
        migrate(db.engine)
        inspector = inspect(db.engine)
        assert set(inspector.get_table_names()) - {"alembic_version"} == set(Base.metadata.tables)
        for name, table in sorted(Base.metadata.tables.items()):
            assert _reflected(inspector, name) == _declared(table), name
    finally:
        db.dispose()
