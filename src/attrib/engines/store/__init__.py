"""The incremental store: one SQLite file with every prepared article, its shingles and the
matches found so far, so that `attrib add` aligns only what is new and `attrib run --store`
concludes over everything without reading or aligning the corpus again.

Why a store fed in batches gives the tables a from-scratch run on the union gives:
- preparation depends on the article and its outlet's repeated lines only; the store keeps
  each outlet's line counts, and when an addition changes an outlet's repeated lines, that
  outlet's stored articles are prepared again and any whose result changed count as new;
- a pair of passages is aligned the same way whenever it is aligned, so only pairs with a new
  passage need aligning. Between two old passages, adding articles can only take candidacy
  away (a shared shingle now found in too many articles), never give it: so stored matches
  between passages sharing such a shingle are checked against the union's candidate pairs
  and dropped if they are no longer candidates;
- the conclusion (stories, families, attribution) runs over the whole store, and is kept in
  it (`result`) until the next addition.
Every addition is one transaction: a run killed part-way leaves the store as it was.

Modules: `schema` (the tables, opening a file, its settings), `addition` (`attrib add`),
`realign` (the matches an addition moves), `result` (a run's result kept for the views),
`codec` (JSON for what is stored). Import from them: this package imports nothing, so that a
view reading a result does not load what adding articles needs.
"""
