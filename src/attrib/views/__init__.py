"""One story's comparison, the changes outlets made, and the shares they owe."""
