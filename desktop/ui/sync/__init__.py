"""同步: bundles, trust, the quarantine and conflicts."""
