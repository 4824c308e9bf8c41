"""A made-up national revision, registered only by the test that uses it (tests/test_revision.py)."""
