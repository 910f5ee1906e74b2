"""News of a condition by e-mail: followers (double opt-in), editors' "what changed" notes, and the weekly digest."""
