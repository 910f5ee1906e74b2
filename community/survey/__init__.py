"""The symptom-experience survey: definitions as data, members' answers, consents, and the honest statistics.

`models` holds the tables, `definition` reads a survey version into plain frozen objects, `flow` decides which
steps a member sees and what their answers mean, `permissions` who may take it, `actions` changes state,
`statistics` computes the public aggregates that pages read.
"""
