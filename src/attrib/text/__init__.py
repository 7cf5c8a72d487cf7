"""An article's text: tokens, quotations, furniture, credits and passages."""
