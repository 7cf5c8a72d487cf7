"""What a run writes: tables, PDF and HTML reports, the terminal views."""
