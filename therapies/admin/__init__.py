"""The admin of `therapies`: the knowledge base (`knowledge`) and the practitioner directory (`directory`); importing
each module registers its models."""

from therapies.admin import directory, knowledge

__all__ = ["directory", "knowledge"]
