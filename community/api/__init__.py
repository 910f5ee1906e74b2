"""The discussions and the survey's statistics in the REST API: serializers, views and their OpenAPI documentation."""
