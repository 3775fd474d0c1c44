"""Sync: sharing a library through a git remote, merging, conflicts between computers, and
repairing what an interrupted save or sync left. Uses review and the library; knows nothing
of release or any face."""
