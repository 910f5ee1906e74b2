"""Factory fixtures and personas shared by the test folders, registered once by tests/conftest.py."""
