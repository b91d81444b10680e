"""Core Group Guide: a plain-language guide to child protection core groups."""
