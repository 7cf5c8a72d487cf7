"""Reading a corpus: files, pages, feeds and archives to articles."""
