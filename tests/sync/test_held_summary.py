"""What 各村 and 同步 say each device's chain holds (highest, complete up to, gaps) is the same whether
read seq by seq or from the per-origin counts that spare a county ordering millions of operations."""

from __future__ import annotations

from sqlalchemy import insert

from desktop.store.database import StoreLocation, open_store
from desktop.store.models import Operation, OpLink
from desktop.sync.vector import gaps, held, highest, vector_of, version_vector

# origin -> (seqs held as operations, seqs held as links)
CHAINS = {
    "a-complete": ([1, 2, 3, 4], []),
    "b-gap": ([1, 2, 5, 6], [3]),  # 4 missing
    "c-links": ([1, 3], [2, 4]),  # complete, through links
    "d-late-start": ([2, 3], []),  # 1 missing
    "e-both": ([1, 2, 4], [2]),  # 2 twice, 3 missing: the counts alone would say complete
    "f-links-only": ([], [1, 2, 3, 7]),
}


def test_the_counted_summary_equals_the_seq_by_seq_reading(location: StoreLocation) -> None:
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            for origin, (ops, links) in CHAINS.items():
                for seq in ops:
                    session.execute(
                        insert(Operation).values(
                            origin=origin, seq=seq, hlc=seq, author="x", table_name="household",
                            record_id=f"r{seq}", fields="{}", base=None, prev_hash="0", hash=f"{origin}{seq}",
                        )
                    )  # fmt: skip
                for seq in links:
                    session.execute(
                        insert(OpLink).values(
                            origin=origin, seq=seq, prev_hash="0", body_digest="0", hash=f"{origin}{seq}"
                        )
                    )
        with store.read_session() as session:
            top, missing = held(session)
            assert top == highest(session)
            assert missing == gaps(session)
            assert vector_of(top, missing) == version_vector(session)
        assert missing == {
            "b-gap": [(4, 4)],
            "d-late-start": [(1, 1)],
            "e-both": [(3, 3)],
            "f-links-only": [(4, 6)],
        }
    finally:
        store.close()
