"""Readers for each input format, each returning plain Article values."""
