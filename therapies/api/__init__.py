"""The knowledge base and the practitioner directory in the REST API: serializers, views and their schema apart."""
