"""Tools for the people who write knowledge bases: drafting one from an article."""
