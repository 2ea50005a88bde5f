"""Japanese text analysis for the wording advice: SudachiPy (sudachidict_core) tokens, word lists as data,
and the few readings the rules need (desire and request forms, subjects, clauses, concreteness)."""
