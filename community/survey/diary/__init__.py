"""A member's private symptom diary: their condition's score over time, what they tried, a chart to print.

Nobody but the member reads it: no admin page, no statistic, no export but their own.
"""
