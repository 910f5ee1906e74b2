"""Kept for /work/shared/bench-peers/portal/seed.py, outside this repository, which imports these three from here;
the discussions' demo content lives in `community.demo_data.seed`."""

from community.demo_data.seed import date_new_threads, refresh_forum_counters, refresh_thread_counters  # noqa: F401
