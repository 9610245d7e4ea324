"""Map who does what to whom: actors, typed relations, evidence and time."""
