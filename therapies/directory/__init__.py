"""The practitioner directory, apart from its models (therapies/models/directory.py) and admin
(therapies/admin/directory.py): finding listings, their pages, what members send in, places and distances, demo data.

Kept free of imports: the models import `distances` from here while the app registry loads."""
