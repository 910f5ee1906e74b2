"""Every state change of the knowledge base and the directory, one module per subject: `votes`, `listings` and
`knowledge`. Each action is named by its verb, takes keyword-only arguments and runs in one transaction; pages, the
API, the admin and the account-data registry call them instead of writing rows themselves."""
