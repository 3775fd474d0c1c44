"""Review: the roster's keys, review records and their signatures, what counts, and each
answer's derived status. Uses the library; knows nothing of release, sync or any face."""
