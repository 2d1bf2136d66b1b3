"""Exchanging changes between devices: identities, trust, bundles, conflicts, revocations."""
