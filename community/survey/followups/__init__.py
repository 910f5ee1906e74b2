"""Follow-ups: 3 and 12 months after a member rated a treatment, we ask whether they still use it and whether it
still helps, and count the answers in the statistics beside the one-shot figures (issue 18, part 1)."""
