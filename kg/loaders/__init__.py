"""Loaders: case files → triples (:mod:`kg.loaders.case`)."""
