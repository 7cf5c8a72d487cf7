"""Each passage's origin, confidence and evidence."""
