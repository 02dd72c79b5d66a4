"""Mutation fuzzing of medlint (see test_mutation_fuzz.py)."""
