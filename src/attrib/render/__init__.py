"""Renderers of a run: terminal, CSV and the per-story PDF report."""
