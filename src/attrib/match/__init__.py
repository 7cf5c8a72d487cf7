"""Passages that share text: shingles, candidates, alignment, families and stories."""
