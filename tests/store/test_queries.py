"""The store's query helpers: ``live`` keeps what is not archived (NULL counts as not archived), and
``in_chunks`` cuts an id list into bounded pieces without losing or reordering any."""

from __future__ import annotations

import pytest
from sqlalchemy import Boolean, Column, Integer, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session

from desktop.store.queries import in_chunks, live


class _Base(DeclarativeBase):
    pass


class _Thing(_Base):
    __tablename__ = "thing"
    id = Column(Integer, primary_key=True)
    archived = Column(Boolean, nullable=True)


def test_live_keeps_the_records_not_archived_and_those_from_before_the_column() -> None:
    engine = create_engine("sqlite://")
    _Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(
            [_Thing(id=1, archived=False), _Thing(id=2, archived=True), _Thing(id=3, archived=None)]
        )
        session.commit()
        assert session.execute(select(_Thing.id).where(live(_Thing)).order_by(_Thing.id)).scalars().all() == [
            1,
            3,
        ]


def test_in_chunks_keeps_every_item_in_order_and_bounds_each_piece() -> None:
    items = [str(n) for n in range(1201)]
    pieces = list(in_chunks(items))
    assert [len(p) for p in pieces] == [500, 500, 201]
    assert [x for p in pieces for x in p] == items
    assert list(in_chunks([])) == []
    assert list(in_chunks("abcde", 2)) == [["a", "b"], ["c", "d"], ["e"]]
    with pytest.raises(ValueError):
        list(in_chunks(items, 0))
